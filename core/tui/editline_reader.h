// The line editor of the interactive session, on libedit's native API (histedit.h).
//
// Ctrl-C: klaude blocks SIGINT in every thread and receives it on a watcher thread
// (core/host/interrupts.h), so libedit never sees the signal and a read(2) it is blocked in
// would never return. Therefore libedit does not read the terminal itself: EL_GETCFN installs
// read_char, which waits for input with poll(2) in short slices and checks
// Interrupts::requested() between them. On an interrupt it hands libedit a ^C, bound to the
// klaude-interrupt function, which marks the line as thrown away, shows "^C" and accepts the
// line so libedit puts the cursor below it; read() then reports kInterrupted.
//
// Paste of several lines: on terminals that take cursor sequences the prompt turns on
// bracketed paste (ESC[?2004h while reading), so the terminal marks a paste with ESC[200~ and
// ESC[201~. read_char collects what is between the markers, however slowly it arrives, and
// splits it into lines; the klaude-paste function (bound to an otherwise unused key that
// read_char hands libedit) inserts one line at a time, accepting each but the last with
// more_input_waiting, so the whole block becomes one prompt and the last line stays open for
// editing. Tabs and control keys inside a paste are inserted as text, never run as keys.
// Elsewhere (and for terminals that do not mark pastes) the old rule holds: when a newline is
// read and more input arrives within a few milliseconds (no one types that fast), the line is
// reported with more_input_waiting.
//
// Ctrl-Z and `fg`: a TerminalSession gives the shell its terminal settings back and asks for
// the prompt line to be drawn again afterwards, which read_char does on its next poll.
#pragma once

#include <histedit.h>

#include <cstdio>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>

#include "core/tui/edit_history.h"
#include "core/tui/line_reader.h"
#include "core/tui/terminal_caps.h"
#include "core/tui/terminal_session.h"

namespace klaude::core::tui {

class EditlineReader : public LineReader {
  public:
    // `history_file`: where the history is loaded from and saved to (empty: not persisted).
    // `caps` (of `out`): the prompt is bold only with caps.color, pastes are marked only with
    // caps.cursor. Throws std::runtime_error when libedit cannot be set up on these streams.
    EditlineReader(const std::filesystem::path& history_file, const TerminalCaps& caps,
                   std::FILE* in = stdin, std::FILE* out = stdout, std::FILE* err = stderr);
    ~EditlineReader() override;
    EditlineReader(const EditlineReader&) = delete;
    EditlineReader& operator=(const EditlineReader&) = delete;

    InputLine read(const std::string& prompt) override;
    void remember(const std::string& entry) override;
    bool interactive() const override { return true; }

  private:
    static int read_char(EditLine* el, wchar_t* out);
    static unsigned char interrupt_key(EditLine* el, int ch);
    static unsigned char paste_key(EditLine* el, int ch);
    static char* prompt_text(EditLine* el);
    static EditlineReader& self(EditLine* el);

    enum class ByteRead { kByte, kNone, kEnd, kError };
    int next_char(wchar_t* out);
    // One byte of input (put-back bytes first), waiting at most `timeout_ms`.
    ByteRead read_byte(unsigned char* byte, int timeout_ms);
    // After an ESC: true when the rest of ESC[200~ follows; else what was read is put back.
    bool paste_starts();
    // Reads up to ESC[201~ and queues the pasted lines. Stops early on Ctrl-C.
    void collect_paste();
    bool input_arrives_soon() const;
    void follow_window_size();

    std::filesystem::path history_file_;
    EditHistory history_;
    EditLine* el_ = nullptr;
    std::FILE* out_;
    std::FILE* err_;
    int fd_;
    std::string prompt_;
    std::string partial_char_;             // bytes of a multibyte character read so far
    std::string put_back_;                 // bytes read ahead that were not a paste marker
    std::deque<std::string> paste_lines_;  // pasted lines not yet handed to the editor
    bool styled_prompt_ = false;
    bool bracketed_paste_ = false;
    std::unique_ptr<TerminalSession> terminal_;
    bool interrupted_ = false;
    bool more_waiting_ = false;
    bool accepted_by_paste_ = false;  // the line ends where a pasted line break was
    bool history_warned_ = false;
    unsigned short columns_ = 0;
};

// The prompt's styling for libedit: `text` in bold but for its trailing spaces, the escape
// sequences fenced by '\1' (the EL_PROMPT_ESC marker) so libedit does not count them as
// columns.
std::string styled_prompt(const std::string& text);

}  // namespace klaude::core::tui
