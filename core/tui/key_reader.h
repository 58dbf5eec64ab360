// One key press from the terminal, for the approval prompt's y/a/n/e: no Enter needed. While a
// KeyReader lives the terminal is in raw mode (no line buffering, no echo) but keeps ISIG, so
// Ctrl-C still reaches the Interrupts watcher and cancels the turn as it does everywhere else.
#pragma once

#include <termios.h>

#include <optional>
#include <string_view>

namespace klaude::core::tui {

class KeyReader {
  public:
    // Switches `fd` (a terminal) to raw mode and throws away what was typed before: keys typed
    // ahead, before the question was on the screen, must never answer it. Create it before
    // drawing the question. Does nothing when `fd` is not a terminal (read then returns nullopt).
    explicit KeyReader(int fd);
    ~KeyReader();  // the terminal's mode as it was
    KeyReader(const KeyReader&) = delete;
    KeyReader& operator=(const KeyReader&) = delete;

    bool active() const { return active_; }

    // Waits for one of `keys` (other keys are ignored). nullopt on Ctrl-C (Interrupts), end of
    // input or a read error. A CR or LF typed right after the key (within 30 ms: "y" then
    // Enter, as the old prompt wanted) is swallowed, so it does not reach the next prompt; any
    // other byte arriving in that window is dropped too.
    std::optional<char> read(std::string_view keys);

  private:
    int fd_;
    termios saved_{};
    bool active_ = false;
};

}  // namespace klaude::core::tui
