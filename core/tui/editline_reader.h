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
// Paste of several lines: when a newline is read and more input arrives within a few
// milliseconds (no one types that fast), the line is reported with more_input_waiting, and
// the session keeps collecting lines into the same prompt.
#pragma once

#include <histedit.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "core/tui/edit_history.h"
#include "core/tui/line_reader.h"

namespace klaude::core::tui {

class EditlineReader : public LineReader {
  public:
    // `history_file`: where the history is loaded from and saved to (empty: not persisted).
    // Throws std::runtime_error when libedit cannot be set up on these streams.
    EditlineReader(const std::filesystem::path& history_file, std::FILE* in = stdin,
                   std::FILE* out = stdout, std::FILE* err = stderr);
    ~EditlineReader() override;
    EditlineReader(const EditlineReader&) = delete;
    EditlineReader& operator=(const EditlineReader&) = delete;

    InputLine read(const std::string& prompt) override;
    void remember(const std::string& entry) override;
    bool interactive() const override { return true; }

  private:
    static int read_char(EditLine* el, wchar_t* out);
    static unsigned char interrupt_key(EditLine* el, int ch);
    static char* prompt_text(EditLine* el);
    static EditlineReader& self(EditLine* el);

    int next_char(wchar_t* out);
    bool input_arrives_soon() const;
    void follow_window_size();

    std::filesystem::path history_file_;
    EditHistory history_;
    EditLine* el_ = nullptr;
    std::FILE* out_;
    std::FILE* err_;
    int fd_;
    std::string prompt_;
    std::string partial_char_;  // bytes of a multibyte character read so far
    bool interrupted_ = false;
    bool more_waiting_ = false;
    bool history_warned_ = false;
    unsigned short columns_ = 0;
};

// The prompt's styling for libedit: `text` in bold but for its trailing spaces, the escape
// sequences fenced by '\1' (the EL_PROMPT_ESC marker) so libedit does not count them as
// columns.
std::string styled_prompt(const std::string& text);

}  // namespace klaude::core::tui
