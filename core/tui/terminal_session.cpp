#include "core/tui/terminal_session.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace klaude::core::tui {

TerminalSession::TerminalSession(int fd, int out_fd, bool bracketed_paste)
    : fd_(fd),
      out_fd_(out_fd),
      bracketed_paste_(bracketed_paste),
      have_original_(::tcgetattr(fd, &original_) == 0),
      on_suspend_(Interrupts::instance().on_suspend([this] { suspend(); })),
      on_resume_(Interrupts::instance().on_resume([this] { resume(); })) {}

TerminalSession::~TerminalSession() {
    at_prompt(false);
}

void TerminalSession::send(const char* sequence) const {
    // write(2), not stdio: the watcher thread must not touch the FILE the editor writes to.
    const std::size_t size = std::strlen(sequence);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(out_fd_, sequence + done, size - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

void TerminalSession::at_prompt(bool reading) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (reading == at_prompt_) {
        return;
    }
    at_prompt_ = reading;
    if (bracketed_paste_) {
        send(reading ? kPasteOn : kPasteOff);
    }
}

void TerminalSession::suspend() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (at_prompt_ && bracketed_paste_) {
        send(kPasteOff);
    }
    if (have_original_ && ::tcgetattr(fd_, &saved_) == 0) {
        ::tcsetattr(fd_, TCSADRAIN, &original_);
        suspended_ = true;
    }
}

void TerminalSession::resume() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!suspended_) {
        return;  // a SIGCONT without a stop before it: nothing was changed
    }
    suspended_ = false;
    ::tcsetattr(fd_, TCSADRAIN, &saved_);
    if (at_prompt_) {
        if (bracketed_paste_) {
            send(kPasteOn);
        }
        redraw_.store(true);  // the shell wrote over the row the prompt was on
    }
}

}  // namespace klaude::core::tui
