// Ctrl-C (SIGINT) and SIGTERM, turned into an ordinary flag and callbacks. The signals are
// blocked in every thread and received by one watcher thread with sigwait, so the handlers can
// do real work (take locks, call a plugin's cancel) instead of async-signal-safe tricks.
// A second Ctrl-C while the first is still being handled ends the process (exit code 130).
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
    void install();

    bool requested() const { return count_.load() > 0; }
    // Forget earlier interrupts (a new turn begins).
    void reset() { count_.store(0); }
    // Simulates a Ctrl-C (tests, and the host's own cancel paths).
    void raise();

    // Runs `callback` on the watcher thread at each interrupt, until the returned guard dies.
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

    // When true (the default), a second interrupt before reset() exits the process.
    void set_second_interrupt_exits(bool exits) { second_exits_.store(exits); }

  private:
    Interrupts() = default;
    void notify();
    void unsubscribe(int id);

    std::atomic<int> count_{0};
    std::atomic<bool> second_exits_{true};
    std::mutex mutex_;
    int next_id_ = 0;
    std::vector<std::pair<int, std::function<void()>>> callbacks_;
};

}  // namespace klaude::core
