// Where the interactive session gets its input: a line editor on a terminal (editline_reader.h)
// or plain lines from a pipe or file (plain_line_reader.h).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/tui/terminal_caps.h"

namespace klaude::core::tui {

struct InputLine {
    enum class Status {
        kLine,         // `text` holds what was entered, without the final newline
        kInterrupted,  // Ctrl-C: the line was thrown away
        kEnd,          // Ctrl-D on an empty line, or the end of the input
    };
    Status status = Status::kEnd;
    std::string text;
    // More input was already waiting when the line ended: a paste of several lines.
    bool more_input_waiting = false;
    // A line of a bracketed paste, accepted by klaude rather than by Enter: taken as it is (a
    // final backslash is text, not a continuation).
    bool pasted = false;
};

class LineReader {
  public:
    virtual ~LineReader() = default;
    // Reads one line, showing `prompt` when the reader shows prompts.
    virtual InputLine read(const std::string& prompt) = 0;
    // Adds an entry to the history (and persists it, when the reader keeps one).
    virtual void remember(const std::string& entry) { (void)entry; }
    // True when a person types at a terminal (prompts and line editing are shown).
    virtual bool interactive() const = 0;
};

// The reader for standard input: the line editor when stdin and stdout are terminals, with
// its history in `history_file` and its styling and paste mode following `caps` (stdout's);
// plain lines otherwise.
std::unique_ptr<LineReader> make_stdin_reader(const std::filesystem::path& history_file,
                                              const TerminalCaps& caps);

}  // namespace klaude::core::tui
