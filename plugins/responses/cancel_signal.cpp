#include "plugins/responses/cancel_signal.h"

#include <sys/socket.h>

namespace klaude::responses {

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

}  // namespace klaude::responses
