#include "core/host/terminal_input.h"

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>

#include "core/host/interrupts.h"

namespace klaude::core {

namespace {

// Restores the terminal's echo setting on every path out of read_line.
class EchoOff {
  public:
    EchoOff(int fd, bool enable) : fd_(fd) {
        if (enable && ::tcgetattr(fd, &saved_) == 0) {
            termios quiet = saved_;
            quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
            active_ = ::tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoOff() {
        if (active_) {
            ::tcsetattr(fd_, TCSAFLUSH, &saved_);
        }
    }

  private:
    int fd_;
    termios saved_{};
    bool active_ = false;
};

}  // namespace

bool TerminalInput::is_terminal() const {
    return ::isatty(fd_) == 1;
}

TerminalInput::Result TerminalInput::read_line(const std::function<bool()>& should_stop,
                                               std::chrono::milliseconds timeout, bool secret) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    EchoOff echo(fd_, secret && is_terminal());
    for (;;) {
        if (auto newline = pending_.find('\n'); newline != std::string::npos) {
            Result result{KLAUDE_OK, pending_.substr(0, newline)};
            pending_.erase(0, newline + 1);
            if (!result.line.empty() && result.line.back() == '\r') {
                result.line.pop_back();
            }
            return result;
        }
        if (eof_) {
            if (!pending_.empty()) {  // a last line without newline
                Result result{KLAUDE_OK, std::move(pending_)};
                pending_.clear();
                return result;
            }
            return {KLAUDE_ERROR_END_OF_INPUT, {}};
        }
        if (Interrupts::instance().requested()) {
            return {KLAUDE_ERROR_CANCELLED, {}};
        }
        if (should_stop && should_stop()) {
            return {KLAUDE_ERROR_CANCELLED, {}};
        }
        if (timeout.count() > 0 && Clock::now() >= deadline) {
            return {KLAUDE_ERROR_TIMEOUT, {}};
        }
        pollfd pfd{fd_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, 25);
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            return {KLAUDE_ERROR_IO, {}};
        }
        if (ready == 0) {
            continue;
        }
        char buffer[4096];
        const ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return {KLAUDE_ERROR_IO, {}};
        }
        if (n == 0) {
            eof_ = true;
            continue;
        }
        pending_.append(buffer, static_cast<size_t>(n));
    }
}

}  // namespace klaude::core
