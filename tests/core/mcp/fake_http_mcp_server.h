// An MCP server over Streamable HTTP for the transport's edge cases, on LoopbackServer (real
// sockets, Poco's HTTP server): it answers initialize (with an Mcp-Session-Id), tools/list and
// notifications (202) itself, and hands tools/call to the test, which answers it as it likes:
// JSON, an event stream, an HTTP error, a cut stream, nothing at all. Every request is
// recorded with its headers.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "tests/support/loopback_server.h"

namespace klaude::core::mcp::testing {

struct RecordedRequest {
    std::string http_method;                     // POST, GET, DELETE
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string rpc_method;  // the JSON-RPC method, "" for a response or no body
    std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

class FakeHttpMcpServer {
  public:
    // Answers one tools/call; `id` is the request's JSON-RPC id as JSON text.
    using CallHandler = std::function<void(const std::string& id, const std::string& body,
                                           Poco::Net::HTTPServerResponse& response)>;

    explicit FakeHttpMcpServer(CallHandler on_call);
    ~FakeHttpMcpServer();

    std::string url() const { return server_.base_url() + "/mcp"; }
    std::vector<RecordedRequest> requests() const;
    // Waits up to 5 s for a request whose body contains `text`; true when one came.
    bool wait_for(const std::string& text) const;

    // The session id it hands out; "" to give none. Set before the client starts.
    std::string session_id = "session-1";
    // The answer to DELETE. Set before the client starts.
    int delete_status = 200;
    // From now on the session is unknown: 404, as the SDK's server answers then.
    void forget_session();

    // tools/call helpers: the whole answer as JSON, or as an event stream of `events` (each a
    // complete "field: value\n…" block without its blank line).
    static std::string echo_result(const std::string& id, const std::string& text);
    static void answer_json(Poco::Net::HTTPServerResponse& response, const std::string& body);
    static void answer_events(Poco::Net::HTTPServerResponse& response,
                              const std::vector<std::string>& events);
    // An event stream of exactly `text` (to end it anywhere, inside an event too).
    static void answer_stream(Poco::Net::HTTPServerResponse& response, const std::string& text);

  private:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

    CallHandler on_call_;
    mutable std::mutex mutex_;
    mutable std::condition_variable recorded_;
    std::vector<RecordedRequest> requests_;
    bool session_forgotten_ = false;
    klaude::testing::LoopbackServer server_;  // last: it stops before the rest goes
};

}  // namespace klaude::core::mcp::testing
