// An MCP server over Streamable HTTP (specification revision 2025-11-25; 2025-06-18 and
// 2025-03-26 say the same for what klaude uses): every JSON-RPC message is a POST to the URL.
// A request's answer comes back as one JSON body or as an event stream, in which the server's
// own requests and notifications (progress) may come before the response. Notifications and
// responses are answered 202 Accepted.
//
// The session id the server gives with its answer to initialize (Mcp-Session-Id) and the
// negotiated revision (MCP-Protocol-Version) go on every later request; shutdown() ends the
// session with a DELETE. Requests run concurrently, each POST on one of a few worker threads;
// notifications and responses are sent on the caller's thread, in order.
//
// Any fault (connection refused, an HTTP error, a body that is not JSON-RPC, a stream cut
// before its answer, the session gone) is reported once through on_closed, as a crash is for
// a stdio server, and the transport takes no more messages.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/config/config.h"
#include "core/mcp/transport.h"
#include "klaude/sdk/error.hpp"
#include "klaude/support/cancel_signal.h"
#include "klaude/support/connection_pool.h"
#include "klaude/support/http_stream.h"

namespace klaude::core::mcp {

class HttpTransport : public Transport {
  public:
    // Requests in flight at once; more wait for a worker.
    static constexpr std::size_t kMaxWorkers = 8;

    // Connects to nothing yet (the first POST does). Throws std::runtime_error (one line) when
    // the bearer token's variable is missing.
    HttpTransport(const McpServerConfig& config, Handlers handlers);
    ~HttpTransport() override;  // shutdown()
    HttpTransport(const HttpTransport&) = delete;
    HttpTransport& operator=(const HttpTransport&) = delete;

    bool send(std::string_view message, std::chrono::milliseconds timeout) override;
    // Stops the requests in flight (their answers no longer matter), joins the workers and
    // ends the session with DELETE (a 405, "the server does not let clients end sessions", is
    // fine; so is no answer within 2 s).
    void shutdown() override;

    // [thread-safe] The server's Mcp-Session-Id; "" before initialize or when it gave none.
    std::string session_id() const;

  private:
    struct Exchange {
        std::string body;
        std::string method;
        int64_t id = 0;
        std::shared_ptr<support::CancelSignal> cancel = std::make_shared<support::CancelSignal>();
    };

    void work();
    void post_request(const Exchange& exchange);
    // A message of an answer: checked, handed to the client; true when it is `exchange`'s
    // response.
    bool deliver(const Exchange& exchange, std::string message);
    // A notification or a response (`what` names it); true on 2xx.
    bool post_one_way(const std::string& what, const std::string& body,
                      std::chrono::milliseconds timeout);
    void cancel_exchange(const std::string& cancelled_params_json);
    support::HeaderList request_headers() const;
    support::HttpOptions options(std::chrono::milliseconds connect,
                                 std::chrono::milliseconds idle) const;
    std::string describe_status(int status, const std::string& body) const;
    // `answering`: the status line had come (a cut, not a refusal); `timeout`: the idle
    // timeout that ran out, if that was it.
    std::string describe_network_error(const sdk::Error& e, const std::string& what, bool answering,
                                       std::chrono::milliseconds timeout) const;
    // Reports `why` through on_closed (once, never after shutdown began) and stops the rest.
    void fail(const std::string& why);

    const std::string url_;
    const support::HeaderList configured_;
    const std::chrono::milliseconds connect_timeout_;
    const std::chrono::milliseconds idle_timeout_;
    Handlers handlers_;
    Poco::Net::Context::Ptr tls_context_;
    std::shared_ptr<support::ConnectionPool> pool_;

    mutable std::mutex mutex_;
    std::condition_variable work_ready_;
    std::deque<std::shared_ptr<Exchange>> queue_;
    std::map<int64_t, std::shared_ptr<Exchange>> open_;  // queued or being posted, by id
    std::vector<std::thread> workers_;
    std::size_t idle_workers_ = 0;
    bool stopping_ = false;
    bool failed_ = false;
    std::string session_id_;
    std::string protocol_version_;

    std::mutex shutdown_mutex_;
    bool shut_down_ = false;
};

}  // namespace klaude::core::mcp
