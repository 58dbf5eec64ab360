#include "klaude/support/cancel_signal.h"

#include <sys/socket.h>

#include <chrono>

namespace klaude::support {

void CancelSignal::reset() noexcept {
    cancelled_.store(false, std::memory_order_release);
}

void CancelSignal::cancel() noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_.store(true, std::memory_order_release);
    if (fd_ >= 0) {
        ::shutdown(fd_, SHUT_RDWR);
    }
}

void CancelSignal::attach_socket(int fd) noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    fd_ = fd;
    if (fd_ >= 0 && cancelled_.load(std::memory_order_acquire)) {
        ::shutdown(fd_, SHUT_RDWR);
    }
}

HostCancelWatcher::HostCancelWatcher(std::function<bool()> host_cancelled, CancelSignal& signal) {
    if (!host_cancelled) {
        return;
    }
    thread_ = std::thread([this, host_cancelled = std::move(host_cancelled), &signal] {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stop_) {
            if (host_cancelled()) {
                signal.cancel();
                return;
            }
            wake_.wait_for(lock, std::chrono::milliseconds(20));
        }
    });
}

HostCancelWatcher::~HostCancelWatcher() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

}  // namespace klaude::support
