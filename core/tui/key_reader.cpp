#include "core/tui/key_reader.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

#include "core/host/interrupts.h"

namespace klaude::core::tui {

namespace {

constexpr int kPollSliceMs = 25;  // how often Ctrl-C is checked while waiting
constexpr int kTrailingEnterMs = 30;

// One byte within `timeout_ms`: 1 read, 0 nothing yet, -1 end of input or error.
int read_byte(int fd, int timeout_ms, char* byte) {
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, timeout_ms);
    if (ready < 0) {
        return errno == EINTR ? 0 : -1;
    }
    if (ready == 0) {
        return 0;
    }
    const ssize_t n = ::read(fd, byte, 1);
    if (n < 0) {
        return errno == EINTR || errno == EAGAIN ? 0 : -1;
    }
    return n == 0 ? -1 : 1;
}

}  // namespace

KeyReader::KeyReader(int fd) : fd_(fd) {
    if (::isatty(fd_) != 1 || ::tcgetattr(fd_, &saved_) != 0) {
        return;
    }
    termios raw = saved_;
    raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    // TCSAFLUSH: type-ahead is discarded as the mode changes.
    active_ = ::tcsetattr(fd_, TCSAFLUSH, &raw) == 0;
}

KeyReader::~KeyReader() {
    if (active_) {
        ::tcsetattr(fd_, TCSANOW, &saved_);
    }
}

std::optional<char> KeyReader::read(std::string_view keys) {
    if (!active_) {
        return std::nullopt;
    }
    Interrupts& interrupts = Interrupts::instance();
    for (;;) {
        if (interrupts.requested()) {
            return std::nullopt;
        }
        char byte = 0;
        const int got = read_byte(fd_, kPollSliceMs, &byte);
        if (got < 0) {
            return std::nullopt;
        }
        if (got == 0 || keys.find(byte) == std::string_view::npos) {
            continue;
        }
        if (byte != '\r' && byte != '\n') {
            char next = 0;
            (void)read_byte(fd_, kTrailingEnterMs, &next);
        }
        return byte;
    }
}

}  // namespace klaude::core::tui
