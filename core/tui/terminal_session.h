// The terminal across Ctrl-Z and `fg`, and the bracketed-paste mode of the prompt.
//
// On Ctrl-Z (Interrupts' on_suspend, on the watcher thread, just before the process stops):
// paste mode off if the prompt had it on, the terminal's settings as they are saved and the
// ones klaude started with put back, so the shell gets the terminal it gave. On `fg`
// (on_resume): klaude's settings back, paste mode on again at the prompt, and a redraw asked
// for, which the line editor takes on its next poll (it draws the prompt line again).
#pragma once

#include <termios.h>

#include <atomic>
#include <mutex>

#include "core/host/interrupts.h"

namespace klaude::core::tui {

class TerminalSession {
  public:
    // `fd`: the terminal read from (its settings now are the original ones); `out_fd`: where
    // the paste-mode sequences go. `bracketed_paste`: ask the terminal to mark pastes while
    // the prompt reads (only where the terminal takes cursor sequences).
    TerminalSession(int fd, int out_fd, bool bracketed_paste);
    ~TerminalSession();
    TerminalSession(const TerminalSession&) = delete;
    TerminalSession& operator=(const TerminalSession&) = delete;

    // The prompt starts (true) or stops (false) reading: paste mode follows it.
    void at_prompt(bool reading);
    // True once after each resume: the prompt line must be drawn again.
    bool take_redraw() { return redraw_.exchange(false); }

    // Sequences that switch the terminal's bracketed paste on and off.
    static constexpr const char* kPasteOn = "\x1b[?2004h";
    static constexpr const char* kPasteOff = "\x1b[?2004l";

  private:
    void suspend();
    void resume();
    void send(const char* sequence) const;

    const int fd_;
    const int out_fd_;
    const bool bracketed_paste_;
    termios original_{};
    bool have_original_ = false;

    std::mutex mutex_;  // at_prompt_ and the saved settings, shared with the watcher thread
    bool at_prompt_ = false;
    bool suspended_ = false;
    termios saved_{};
    std::atomic<bool> redraw_{false};
    Interrupts::Subscription on_suspend_;
    Interrupts::Subscription on_resume_;
};

}  // namespace klaude::core::tui
