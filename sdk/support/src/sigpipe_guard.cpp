#include "sigpipe_guard.h"

#include <pthread.h>
#include <time.h>

namespace klaude::support::detail {

SigpipeGuard::SigpipeGuard() noexcept {
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    // A SIGPIPE already pending is not ours to swallow.
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe, &old_mask_);
    was_blocked_ = sigismember(&old_mask_, SIGPIPE) == 1;
}

SigpipeGuard::~SigpipeGuard() {
    if (!was_blocked_ && !was_pending_) {
        // Consume the SIGPIPE our write raised (thread-directed), so unblocking does not
        // deliver it.
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        const timespec zero{0, 0};
        while (sigtimedwait(&pipe, nullptr, &zero) == SIGPIPE) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

void close_quietly(Poco::Net::StreamSocket& socket) noexcept {
    SigpipeGuard guard;
    try {
        socket.close();
    } catch (...) {
        // Closing a connection we are giving up on: nothing to report.
    }
}

}  // namespace klaude::support::detail
