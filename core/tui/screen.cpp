#include "core/tui/screen.h"

#include <sys/ioctl.h>

namespace klaude::core::tui {

namespace {
// Back to column 0 and erase the row: where the status line was drawn.
constexpr std::string_view kEraseRow = "\r\x1b[2K";
constexpr int kDefaultColumns = 80;
}  // namespace

Screen::Screen(std::FILE* out, const TerminalCaps& caps)
    : Screen(out, caps, caps.color ? Theme::ansi() : Theme::plain()) {}

Screen::Screen(std::FILE* out, const TerminalCaps& caps, Theme theme)
    : out_(out), caps_(caps), theme_(theme) {}

void Screen::put_locked(std::string_view text) {
    if (text.empty()) {
        return;
    }
    std::fwrite(text.data(), 1, text.size(), out_);
    at_line_start_ = text.back() == '\n';
}

void Screen::erase_status_locked() {
    if (status_shown_) {
        std::fwrite(kEraseRow.data(), 1, kEraseRow.size(), out_);
        status_shown_ = false;
    }
}

void Screen::write(std::string_view text) {
    std::lock_guard<std::mutex> lock(mutex_);
    erase_status_locked();
    put_locked(text);
}

void Screen::end_line() {
    std::lock_guard<std::mutex> lock(mutex_);
    erase_status_locked();
    if (!at_line_start_) {
        put_locked("\n");
    }
}

void Screen::flush() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::fflush(out_);
}

bool Screen::at_line_start() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return at_line_start_;
}

int Screen::columns() const {
    if (!caps_.tty) {
        return kDefaultColumns;
    }
    struct winsize size {};
    if (::ioctl(fileno(out_), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return kDefaultColumns;
}

void Screen::show_status(std::string_view line) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!caps_.cursor || !at_line_start_) {
        return;
    }
    std::string row(kEraseRow);
    row += line;
    std::fwrite(row.data(), 1, row.size(), out_);
    status_shown_ = true;
    std::fflush(out_);
}

void Screen::clear_status() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (status_shown_) {
        erase_status_locked();
        std::fflush(out_);
    }
}

}  // namespace klaude::core::tui
