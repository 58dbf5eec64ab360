// Cancellation of a running request from another thread. The stream thread registers the
// socket it is blocked on; cancel() marks the signal and shuts the socket down (shutdown(2),
// never close(2), so the fd cannot be reused under the reader's feet), which wakes a blocked
// recv/SSL_read at once.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace klaude::support {

class CancelSignal {
  public:
    // [stream thread] Forget an earlier cancel: a new stream() starts.
    void reset() noexcept;
    // [thread-safe] Marks cancelled and aborts the registered socket, if any.
    void cancel() noexcept;
    // [thread-safe]
    bool cancelled() const noexcept { return cancelled_.load(std::memory_order_acquire); }

    // [stream thread] The socket fd to shut down on cancel; -1 to clear before closing it.
    // Registering while already cancelled shuts the socket down at once.
    void attach_socket(int fd) noexcept;
    void detach_socket() noexcept { attach_socket(-1); }

  private:
    std::atomic<bool> cancelled_{false};
    std::mutex mutex_;
    int fd_ = -1;
};

// Bridges the host's cancellation flag (klaude_host_t::is_cancelled, set on Ctrl-C) to a
// CancelSignal: while alive, a helper thread polls the flag every 20 ms and cancels the signal,
// which aborts a blocked socket read. Without a flag to poll it starts no thread.
class HostCancelWatcher {
  public:
    HostCancelWatcher(std::function<bool()> host_cancelled, CancelSignal& signal);
    ~HostCancelWatcher();
    HostCancelWatcher(const HostCancelWatcher&) = delete;
    HostCancelWatcher& operator=(const HostCancelWatcher&) = delete;

  private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace klaude::support
