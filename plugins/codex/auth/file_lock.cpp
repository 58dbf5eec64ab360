#include "plugins/codex/auth/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "klaude/sdk/error.hpp"

namespace klaude::codex {

FileLock::FileLock(const std::string& lock_path, std::chrono::milliseconds timeout,
                   const std::function<bool()>& cancelled) {
    // O_CLOEXEC: a browser or helper the login starts must not inherit (and hold) the lock.
    fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) {
        throw sdk::Error(KLAUDE_ERROR_IO,
                         "cannot open the lock file " + lock_path + ": " + std::strerror(errno));
    }
    // Poll rather than block, so a stuck holder turns into a clear timeout and Ctrl-C works.
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) {
            return;
        }
        const int error = errno;
        if (error != EWOULDBLOCK && error != EINTR) {
            ::close(fd_);
            throw sdk::Error(KLAUDE_ERROR_IO,
                             "cannot lock " + lock_path + ": " + std::strerror(error));
        }
        if (cancelled && cancelled()) {
            ::close(fd_);
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled while waiting for " + lock_path);
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::close(fd_);
            throw sdk::Error(KLAUDE_ERROR_TIMEOUT,
                             "another klaude process has held " + lock_path +
                                 " for too long; try again, or delete the file if no klaude "
                                 "is running");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

FileLock::~FileLock() {
    if (fd_ >= 0) {
        ::flock(fd_, LOCK_UN);
        ::close(fd_);
    }
}

}  // namespace klaude::codex
