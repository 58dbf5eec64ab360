// A client of one MCP server (specification revision 2025-11-25; also accepts a server that
// answers 2025-06-18 or 2025-03-26): the lifecycle (initialize, notifications/initialized,
// tools/list with pagination), tools/call with a timeout and cancellation
// (notifications/cancelled), and the server's own requests (ping) and notifications.
//
// The server is reached over the Transport its configuration names: stdio ("command") or
// Streamable HTTP ("url"). Any protocol fault (a message that is not JSON-RPC, a crash, stdout
// closed, an HTTP error) marks the client failed with one line; every waiting and later
// request then fails with it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/mcp/json_rpc.h"
#include "core/mcp/transport.h"

namespace klaude::core::mcp {

// The protocol revisions klaude speaks, newest first; the first is what it asks for.
extern const char* const kProtocolVersions[3];

struct ToolInfo {
    std::string name;
    std::string title;
    std::string description;
    std::string input_schema_json = "{\"type\":\"object\",\"properties\":{}}";
    bool read_only = false;  // annotations.readOnlyHint
};

struct RpcOutcome {
    enum class Status { kOk, kError, kTimedOut, kCancelled, kFailed };
    Status status = Status::kOk;
    std::string result_json;  // kOk
    std::string error;        // otherwise: one line
};

class McpClient {
  public:
    explicit McpClient(McpServerConfig config);
    ~McpClient();  // shutdown()
    McpClient(const McpClient&) = delete;
    McpClient& operator=(const McpClient&) = delete;

    // Opens the transport (spawns a stdio server) and runs the lifecycle up to the tool list, all
    // within startup_timeout_s (or until `*cancel`). Throws std::runtime_error (one line) on
    // failure.
    void start(const std::atomic<bool>* cancel = nullptr);

    const McpServerConfig& config() const { return config_; }
    const std::vector<ToolInfo>& tools() const { return tools_; }
    const std::string& protocol_version() const { return protocol_version_; }
    const std::string& server_name() const { return server_info_; }

    // tools/call, bounded by tool_timeout_s and `*cancel`; on either the server is told with
    // notifications/cancelled.
    RpcOutcome call_tool(const std::string& name, const std::string& arguments_json,
                         const std::atomic<bool>* cancel);

    // Any request; `params_json` may be "".
    RpcOutcome request(const std::string& method, const std::string& params_json,
                       std::chrono::milliseconds timeout, const std::atomic<bool>* cancel);

    // [thread-safe]
    bool failed() const;
    std::string failure() const;
    // Called once (on a transport thread) when the server fails after start() succeeded.
    void set_failure_handler(std::function<void(const std::string& why)> handler);

    // [idempotent] Ends the server as the specification says (stdio: stdin closed, SIGTERM,
    // SIGKILL; HTTP: the session's DELETE).
    void shutdown();

  private:
    struct Pending {
        bool done = false;
        Message response;
    };
    // [thread-safe] From the transport; HTTP calls it from several threads at once.
    void on_message(std::string message);
    void on_closed(const std::string& why);
    void fail(const std::string& why);
    bool send(const std::string& line);

    McpServerConfig config_;
    std::unique_ptr<Transport> transport_;            // set once by start(), kept until destruction
    std::atomic<Transport*> transport_ptr_{nullptr};  // what the transport's threads send on
    std::vector<ToolInfo> tools_;
    std::string protocol_version_;
    std::string server_info_;

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::map<int64_t, std::shared_ptr<Pending>> pending_;
    int64_t next_id_ = 1;
    std::optional<std::string> failure_;
    bool started_ = false;
    bool failing_ = false;  // fail() is reporting; failure_ is set once it has
    bool shutting_down_ = false;
    std::function<void(const std::string&)> failure_handler_;
};

}  // namespace klaude::core::mcp
