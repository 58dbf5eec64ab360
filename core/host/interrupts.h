// Ctrl-C (SIGINT) and SIGTERM, turned into an ordinary flag and callbacks. The signals are
// blocked in every thread and received by one watcher thread with sigwait, so the handlers can
// do real work (take locks, call a plugin's cancel) instead of async-signal-safe tricks.
// A second Ctrl-C while the first is still being handled ends the process (exit code 130).
//
// The terminal's job-control signals go the same way: Ctrl-Z (SIGTSTP) runs the on_suspend
// callbacks (erase the spinner, give the terminal its own settings back) and then stops the
// process with SIGSTOP (a re-raised SIGTSTP is dropped for an orphaned process group, such as
// a program started in a fresh pseudo-terminal); `fg` (SIGCONT) runs the on_resume callbacks;
// a window resize (SIGWINCH) bumps resize_generation().
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

namespace klaude::core {

class Interrupts {
  public:
    static Interrupts& instance();

    // Call first thing in main, before any thread starts (threads inherit the signal mask).
    // Later calls do nothing.
    void install();

    bool requested() const { return count_.load() > 0; }
    // Forget earlier interrupts (a new turn begins).
    void reset() { count_.store(0); }
    // Simulates a Ctrl-C (tests, and the host's own cancel paths).
    void raise();

    // Runs `callback` on the watcher thread at each interrupt, until the returned guard dies.
    // Callbacks of every kind run under one lock, in the order they were added.
    class Subscription {
      public:
        Subscription() = default;
        explicit Subscription(int id) : id_(id) {}
        Subscription(Subscription&& other) noexcept : id_(other.id_) { other.id_ = -1; }
        Subscription& operator=(Subscription&&) = delete;
        ~Subscription();

      private:
        int id_ = -1;
    };
    Subscription on_interrupt(std::function<void()> callback);
    // Ctrl-Z: runs on the watcher thread just before the process stops.
    Subscription on_suspend(std::function<void()> callback);
    // After the process continues (fg, or any SIGCONT that follows a suspend).
    Subscription on_resume(std::function<void()> callback);

    // Changes at each SIGWINCH: whoever cares about the terminal's size re-reads it when this
    // differs from what it saw last.
    unsigned resize_generation() const { return resize_generation_.load(); }

    // When true (the default), a second interrupt before reset() exits the process.
    void set_second_interrupt_exits(bool exits) { second_exits_.store(exits); }

  private:
    enum class Kind { kInterrupt, kSuspend, kResume };

    Interrupts() = default;
    void notify();
    void run_callbacks(Kind kind);
    void suspend();
    Subscription subscribe(Kind kind, std::function<void()> callback);
    void unsubscribe(int id);

    std::atomic<int> count_{0};
    std::atomic<bool> second_exits_{true};
    std::atomic<unsigned> resize_generation_{0};
    std::atomic<bool> installed_{false};
    std::mutex mutex_;
    int next_id_ = 0;
    struct Callback {
        int id;
        Kind kind;
        std::function<void()> run;
    };
    std::vector<Callback> callbacks_;
};

}  // namespace klaude::core
