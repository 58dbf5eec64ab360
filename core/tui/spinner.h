// What the session is waiting for, while it waits: one status row such as
// "⠋ waiting for the model · 12s · Ctrl-C cancels", redrawn by its own thread every ~100 ms
// through Screen::show_status (so it shares the Screen's lock with every other write and is
// erased before any text). Off unless the terminal can move the cursor (caps.cursor).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/agent/tools/tool.h"
#include "core/host/interrupts.h"
#include "core/tui/screen.h"

namespace klaude::core::tui {

class Spinner {
  public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    static constexpr std::chrono::milliseconds kPeriod{100};

    // Draws on `screen` (which must outlive the spinner) when `enabled`; else every call is a
    // no-op. The thread starts at the first show().
    Spinner(Screen& screen, bool enabled);
    // Tests: another period and a fake clock for the elapsed time.
    Spinner(Screen& screen, bool enabled, std::chrono::milliseconds period, Clock clock);
    ~Spinner();  // stops and joins the thread, erases the row
    Spinner(const Spinner&) = delete;
    Spinner& operator=(const Spinner&) = delete;

    // [thread-safe] Shows `label` (one line; cut to the terminal's width), drawn at once; the
    // elapsed time starts again from 0, and the detail is cleared.
    void show(std::string label);
    // [thread-safe: an MCP transport's thread calls it] Shows `detail` after the label ("label
    // · detail"; "" for none), drawn at once when the spinner is shown; the clock goes on. A
    // narrow terminal cuts the detail before the label.
    void set_detail(std::string detail);
    // [thread-safe] Erases the row before returning; nothing is drawn until the next show().
    // Cheap when nothing is shown (the text path calls it for every delta).
    void hide();
    bool shown() const { return shown_.load(std::memory_order_acquire); }

    // Hides the spinner while the user is asked something (an approval), and shows the label
    // it had again when the guard dies, with the clock restarted. Nothing when it was hidden.
    class Pause {
      public:
        Pause(Pause&& other) noexcept;
        Pause& operator=(Pause&&) = delete;
        ~Pause();

      private:
        friend class Spinner;
        Pause(Spinner* spinner, std::string label) : spinner_(spinner), label_(std::move(label)) {}
        Spinner* spinner_;
        std::string label_;
    };
    [[nodiscard]] Pause pause();

    // How many rows were drawn so far (tests wait on it).
    int rows_drawn() const { return rows_drawn_.load(); }

    // The row for `label` after `elapsed`, at animation step `frame`, within `columns`:
    // "⠋ label · 12s · Ctrl-C cancels" (ASCII "| label - 12s - Ctrl-C cancels" without
    // unicode), styled by `theme`.
    static std::string status_row(const std::string& label, std::chrono::seconds elapsed, int frame,
                                  bool unicode, int columns, const Theme& theme);

  private:
    void run();
    void draw_locked();
    // Ctrl-Z: the row is erased before the process stops; the next tick after fg draws it
    // again.
    void erase_for_suspend();

    Screen& screen_;
    const bool enabled_;
    const std::chrono::milliseconds period_;
    const Clock clock_;

    std::mutex mutex_;  // taken before the Screen's lock, never after it
    std::condition_variable wake_;
    std::string label_;
    std::string detail_;
    std::chrono::steady_clock::time_point started_;
    int frame_ = 0;
    bool stopping_ = false;
    bool thread_failed_ = false;
    std::atomic<bool> shown_{false};
    std::atomic<int> rows_drawn_{0};
    std::thread thread_;
    Interrupts::Subscription suspend_;
};

// The spinner's label while `tool_name` runs: "running `CMD`" for the shell (its command,
// from `arguments_json`, on one line), "waiting for the MCP server S" for mcp__S__tool,
// "running NAME" for the rest.
std::string tool_spinner_label(const std::string& tool_name, const std::string& arguments_json);

// A running tool's progress for the spinner's detail: "3/10 · message" when the total is known
// (whole numbers; a percentage of it otherwise: "45% · message"), "45%" for a fraction without a
// total, a count ("3 · message") for the rest; the message on one line, cut at 120 columns.
// " - " instead of " · " without unicode.
std::string tool_progress_text(const agent::ToolProgress& progress, bool unicode);

}  // namespace klaude::core::tui
