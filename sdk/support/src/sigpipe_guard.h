// Writing to a socket whose peer is gone raises SIGPIPE, which kills a process that did not
// ignore it (klaude does not, and a plugin must not change the host's signal dispositions).
// Poco sends without MSG_NOSIGNAL on Linux and OpenSSL writes with write(2), so every write a
// kept-alive connection makes (a request on a connection the server may just have closed, the
// TLS close_notify when it is dropped) runs under this guard instead: SIGPIPE is blocked in the
// calling thread only, and one it raised is consumed before the mask is restored. Thread-safe,
// unlike swapping the process-wide handler.
#pragma once

#include <signal.h>

#include <Poco/Net/StreamSocket.h>

namespace klaude::support::detail {

class SigpipeGuard {
  public:
    SigpipeGuard() noexcept;
    ~SigpipeGuard();
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

  private:
    sigset_t old_mask_;
    bool was_blocked_ = false;
    bool was_pending_ = false;
};

// Closes `socket` (a TLS socket sends its close_notify first) under a SigpipeGuard; never
// throws.
void close_quietly(Poco::Net::StreamSocket& socket) noexcept;

}  // namespace klaude::support::detail
