// Plain line input for when stdin is not a terminal (pipes, files, tests): no editing, no
// prompt, no history; only a trailing backslash continues a line. Ctrl-C (Interrupts) ends a
// wait with kInterrupted.
#pragma once

#include "core/host/terminal_input.h"
#include "core/tui/line_reader.h"

namespace klaude::core::tui {

class PlainLineReader : public LineReader {
  public:
    explicit PlainLineReader(int fd = 0) : input_(fd) {}
    InputLine read(const std::string& prompt) override;
    bool interactive() const override { return false; }

  private:
    TerminalInput input_;
};

}  // namespace klaude::core::tui
