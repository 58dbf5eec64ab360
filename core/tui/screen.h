// The one writer of the interactive session's output. Everything that draws (the turn view, the
// approval prompt, the spinner on its own thread) goes through a Screen, which serialises the
// writes and owns the one transient row: a status line (the spinner) that any other write
// erases first, so it never ends up in the middle of text.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

#include "core/tui/terminal_caps.h"
#include "core/tui/theme.h"

namespace klaude::core::tui {

class Screen {
  public:
    // `out` stays owned by the caller. The theme is ANSI when caps.color, else plain.
    Screen(std::FILE* out, const TerminalCaps& caps);
    // Tests: any theme (Theme::tagged() for readable goldens).
    Screen(std::FILE* out, const TerminalCaps& caps, Theme theme);

    const TerminalCaps& caps() const { return caps_; }
    const Theme& theme() const { return theme_; }

    // [thread-safe] Writes `text` (erasing a shown status line first). Not flushed.
    void write(std::string_view text);
    // [thread-safe] A newline unless the cursor is at the start of a row.
    void end_line();
    // [thread-safe]
    void flush();
    bool at_line_start() const;

    // The terminal's width in columns, read now (it follows a resize); 80 when unknown.
    int columns() const;

    // [thread-safe] Shows `line` as the status row, replacing the one shown. Only drawn with
    // caps.cursor and when the cursor is at the start of a row; `line` must fit in one row
    // and hold no newline. Flushed.
    void show_status(std::string_view line);
    // [thread-safe] Erases the status row if shown. Flushed.
    void clear_status();

  private:
    void erase_status_locked();
    void put_locked(std::string_view text);

    std::FILE* out_;
    TerminalCaps caps_;
    Theme theme_;
    mutable std::mutex mutex_;
    bool at_line_start_ = true;
    bool status_shown_ = false;
};

}  // namespace klaude::core::tui
