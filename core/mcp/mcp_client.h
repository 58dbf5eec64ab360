// A client of one MCP server (specification revision 2025-11-25; also accepts a server that
// answers 2025-06-18 or 2025-03-26): the lifecycle (initialize, notifications/initialized,
// tools/list with pagination, again after notifications/tools/list_changed), tools/call with a
// timeout, cancellation (notifications/cancelled) and progress (notifications/progress), and the
// server's own requests (ping) and notifications.
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
    // [main thread] The server's tools as last listed (by start() or reload_tools()).
    const std::vector<ToolInfo>& tools() const { return tools_; }

    // [thread-safe] True when the server said notifications/tools/list_changed since the last
    // tools/list began (so tools() may be out of date).
    bool tools_changed() const { return tools_changed_.load(); }
    // [main thread] Lists the tools again (every page, within startup_timeout_s or until
    // `*cancel`) and replaces tools() with them; clears tools_changed() as it begins. Throws
    // std::runtime_error (one line) on failure, and tools() is then unchanged.
    void reload_tools(const std::atomic<bool>* cancel = nullptr);
    const std::string& protocol_version() const { return protocol_version_; }
    const std::string& server_name() const { return server_info_; }

    // What a notifications/progress for a call says.
    struct Progress {
        double progress = 0;
        std::optional<double> total;
        std::string message;
    };
    using ProgressHandler = std::function<void(const Progress&)>;

    // tools/call, bounded by tool_timeout_s and `*cancel`; on either the server is told with
    // notifications/cancelled. With `on_progress` the call carries a progress token unique to
    // it (`_meta.progressToken`) and the server's notifications/progress for that token go to
    // `on_progress`, on a transport thread, one at a time, and never after call_tool returned.
    // It must be quick and must not call into this client.
    RpcOutcome call_tool(const std::string& name, const std::string& arguments_json,
                         const std::atomic<bool>* cancel, ProgressHandler on_progress = nullptr);

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
    void on_progress(const std::string& params_json);
    // Every page of tools/list, until `deadline`; throws std::runtime_error (one line).
    std::vector<ToolInfo> list_tools(std::chrono::steady_clock::time_point deadline,
                                     const std::atomic<bool>* cancel);
    // Throws std::runtime_error (one line) unless `outcome` is kOk.
    void check_startup_step(const RpcOutcome& outcome, const std::string& what) const;
    void fail(const std::string& why);
    bool send(const std::string& line);

    McpServerConfig config_;
    std::unique_ptr<Transport> transport_;            // set once by start(), kept until destruction
    std::atomic<Transport*> transport_ptr_{nullptr};  // what the transport's threads send on
    std::vector<ToolInfo> tools_;
    std::string protocol_version_;
    std::string server_info_;
    bool has_tools_ = false;  // the server's capabilities name "tools"
    std::atomic<bool> tools_changed_{false};

    // Progress routes of the calls in flight, by token. Handlers run under the lock, so
    // removing a route waits for a handler that is running.
    std::mutex progress_mutex_;
    std::map<int64_t, ProgressHandler> progress_routes_;
    int64_t next_progress_token_ = 1;

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
