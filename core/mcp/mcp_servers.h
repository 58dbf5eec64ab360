// The configured MCP servers of one klaude run: started in parallel, each bounded by its
// startup timeout; those that fail are reported (one line each) and left out; the tools of the
// others are added to the agent's registry, and replaced there between turns when a server says
// its list changed. Destruction shuts them all down, in parallel.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/agent/tools/tool_registry.h"
#include "core/config/config.h"
#include "core/mcp/mcp_client.h"

namespace klaude::core::mcp {

struct ServerStatus {
    std::string name;
    std::string transport;  // "stdio" | "http"
    enum class State { kReady, kFailed, kDisabled } state = State::kReady;
    std::string detail;  // why it failed; the server's name and protocol revision when ready
    std::shared_ptr<McpClient> client;  // kReady only
};

std::string to_string(ServerStatus::State state);

// One line for `klaude mcp list` and /mcp: "NAME  stdio  ready  12 tools  (server 1.0,
// 2025-11-25)"; a ready server that died since says "stopped" and why.
std::string server_line(const ServerStatus& status);

class McpServers {
  public:
    // Starts every enabled server of `configs` (all of them with `include_disabled`) at once
    // and waits for each to be ready or to fail. `*cancel` (Ctrl-C) gives up on them all.
    McpServers(const std::vector<McpServerConfig>& configs, const std::atomic<bool>* cancel,
               bool include_disabled = false);
    ~McpServers();
    McpServers(const McpServers&) = delete;
    McpServers& operator=(const McpServers&) = delete;

    const std::vector<ServerStatus>& servers() const { return servers_; }

    // One line per server that failed to start:
    // "mcp server 'NAME' failed to start: WHY; going on without it".
    std::vector<std::string> failure_lines() const;

    // Adds the tools of the ready servers, filtered by enabled_tools/disabled_tools. A name
    // that is already taken is left out with a line in the result.
    std::vector<std::string> add_tools(agent::ToolRegistry& registry) const;

    // [main thread, between turns] For every running server that said
    // notifications/tools/list_changed: lists its tools again and replaces its tools in
    // `registry` with them (filtered as add_tools does). A server whose new list cannot be had
    // keeps its old tools and costs a line in the result: "mcp server 'NAME': could not reload
    // its tools (WHY); keeping the ones it had". A reload that works says nothing (the log
    // has it). `*cancel` (Ctrl-C) gives up on the reloads not done yet.
    std::vector<std::string> reload_changed_tools(agent::ToolRegistry& registry,
                                                  const std::atomic<bool>* cancel) const;

  private:
    // Adds the offered tools of `status`'s server to `registry`; lines for names taken.
    static void add_server_tools(const ServerStatus& status, agent::ToolRegistry& registry,
                                 std::vector<std::string>& lines);

    std::vector<ServerStatus> servers_;
};

// The tools of a server after enabled_tools / disabled_tools.
std::vector<ToolInfo> offered_tools(const McpClient& client);

}  // namespace klaude::core::mcp
