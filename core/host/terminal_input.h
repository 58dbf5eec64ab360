// Line input for the host's `ask` service: waits for a line on stdin while polling a stop
// condition, a timeout and Ctrl-C, so a plugin can wait for a typed answer and a network event
// at once. Never leaves a thread blocked on stdin: everything happens in poll() slices on the
// calling thread, and bytes typed after a line stay buffered for the next question.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "klaude/abi/status.h"

namespace klaude::core {

class TerminalInput {
  public:
    explicit TerminalInput(int fd = 0) : fd_(fd) {}

    struct Result {
        klaude_status_t status = KLAUDE_ERROR;
        std::string line;
    };

    // Reads one line. `should_stop` is polled every ~25 ms; timeout <= 0 means none.
    // `secret` turns off echo when the input is a terminal.
    Result read_line(const std::function<bool()>& should_stop, std::chrono::milliseconds timeout,
                     bool secret);

    bool is_terminal() const;

  private:
    int fd_;
    bool eof_ = false;
    std::string pending_;  // bytes read past the last returned line
};

}  // namespace klaude::core
