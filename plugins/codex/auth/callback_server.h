// The loopback HTTP server that receives the browser's redirect after sign-in.
//
// Bound to 127.0.0.1 only (nothing else on the network can reach it), on port 1455 by
// default; the redirect_uri is http://localhost:<port>/auth/callback. Routes:
//   GET /auth/callback  state mismatch: 400, keep waiting; error=…: error page, the login
//                       fails with the server's message (escaped); no code: error page, fails;
//                       iss ≠ issuer (RFC 9207): refused, fails; a code: exchange + save via
//                       `redeem`, then 302 to /success
//   GET /success        "Signed in to klaude — you can close this tab"
//   GET /cancel         ends the waiting login (a newer `klaude auth login` sends it)
//   anything else       404
// Busy port: GET /cancel is sent to it once (it may be a stale login of ours), binding is
// retried briefly, then the fallback port is tried (when the port was not chosen by the
// user), then it fails with a message naming the port and --port.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "plugins/codex/auth/login_result.h"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace klaude::codex {

struct CallbackServerSettings {
    uint16_t port = 1455;
    uint16_t fallback_port = 1457;  // 0: none (the user chose the port)
    std::string expected_state;
    std::string issuer;
    // How long to keep retrying a busy port after asking it to /cancel.
    std::chrono::milliseconds busy_retry{2000};
};

class CallbackServer {
  public:
    // Exchanges the code and saves the tokens; throws sdk::Error when that fails. Called on a
    // server thread; must complete `result` itself (succeed) when it works.
    using Redeem = std::function<void(const std::string& code)>;
    // Informational lines for the user (port fallback).
    using Notice = std::function<void(const std::string&)>;

    // Listens at once. Throws sdk::Error(KLAUDE_ERROR_IO) when no port can be bound.
    CallbackServer(CallbackServerSettings settings, Redeem redeem, LoginResult& result,
                   const Notice& notice = {});
    // Stops, aborting open connections, and returns only when no handler runs any more: the
    // redeem callback and `result` are never touched after that.
    ~CallbackServer();
    CallbackServer(const CallbackServer&) = delete;
    CallbackServer& operator=(const CallbackServer&) = delete;

    uint16_t port() const { return port_; }
    std::string redirect_uri() const;
    // True once the browser fetched /success (the login may stop the server after that).
    bool success_page_served() const { return success_served_->load(); }

  private:
    class Factory;
    uint16_t port_ = 0;
    std::shared_ptr<std::atomic<bool>> success_served_;
    std::unique_ptr<Poco::ThreadPool> pool_;  // ours, so the destructor can join it
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace klaude::codex
