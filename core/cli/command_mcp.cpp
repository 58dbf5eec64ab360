// `klaude mcp list [--json]` and `klaude mcp get NAME`: the configured MCP servers, started to
// see their state and tools (docs/mcp.md).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <atomic>
#include <iostream>

#include "core/cli/command.h"
#include "core/host/interrupts.h"
#include "core/mcp/mcp_servers.h"
#include "core/mcp/tool_names.h"

namespace klaude::core {

namespace {

std::string one_line(std::string text, std::size_t max) {
    for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    return text.size() > max ? text.substr(0, max) + "..." : text;
}

std::size_t tool_count(const mcp::ServerStatus& status) {
    return status.client ? mcp::offered_tools(*status.client).size() : 0;
}

int list_servers(App& app, bool json) {
    const auto& configs = app.config().mcp_servers;
    std::atomic<bool> cancel{false};
    Interrupts::instance().reset();
    auto subscription = Interrupts::instance().on_interrupt([&cancel] { cancel.store(true); });
    mcp::McpServers servers(configs, &cancel, /*include_disabled=*/true);
    if (json) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
        w.StartObject();
        w.Key("servers");
        w.StartArray();
        for (const auto& s : servers.servers()) {
            w.StartObject();
            w.Key("name");
            w.String(s.name);
            w.Key("transport");
            w.String(s.transport);
            w.Key("state");
            w.String(mcp::to_string(s.state));
            w.Key("detail");
            w.String(s.detail);
            w.Key("tools");
            w.Uint64(tool_count(s));
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        std::cout << buffer.GetString() << "\n";
        return kExitOk;
    }
    if (servers.servers().empty()) {
        std::cout << "No MCP servers configured (\"mcp_servers\" in " << app.config_file().string()
                  << "; see docs/mcp.md)\n";
        return kExitOk;
    }
    for (const auto& s : servers.servers()) {
        std::cout << mcp::server_line(s) << "\n";
    }
    return kExitOk;
}

int get_server(App& app, const std::string& name) {
    std::vector<McpServerConfig> configs;
    for (const auto& c : app.config().mcp_servers) {
        if (c.name == name) {
            configs.push_back(c);
        }
    }
    if (configs.empty()) {
        std::cerr << "klaude: no MCP server named '" << name << "' is configured\n";
        return kExitFailure;
    }
    std::atomic<bool> cancel{false};
    Interrupts::instance().reset();
    auto subscription = Interrupts::instance().on_interrupt([&cancel] { cancel.store(true); });
    mcp::McpServers servers(configs, &cancel, /*include_disabled=*/true);
    const auto& s = servers.servers().front();
    std::cout << mcp::server_line(s) << "\n";
    if (!s.client) {
        return s.state == mcp::ServerStatus::State::kFailed ? kExitFailure : kExitOk;
    }
    for (const mcp::ToolInfo& tool : mcp::offered_tools(*s.client)) {
        std::cout << "  " << mcp::mcp_tool_name(s.name, tool.name)
                  << (tool.read_only ? "  (read-only)" : "") << "\n";
        const std::string& text = !tool.description.empty() ? tool.description : tool.title;
        if (!text.empty()) {
            std::cout << "      " << one_line(text, 300) << "\n";
        }
    }
    return kExitOk;
}

int run_mcp(App& app, const ParsedArgs& args) {
    const auto& positionals = args.positionals();
    if (positionals.empty()) {
        throw UsageError("'klaude mcp' needs an action: list or get NAME");
    }
    const std::string& action = positionals.front();
    if (action == "list") {
        if (positionals.size() > 1) {
            throw UsageError("unexpected argument '" + positionals[1] + "'");
        }
        return list_servers(app, args.has("json"));
    }
    if (action == "get") {
        if (positionals.size() != 2) {
            throw UsageError("'klaude mcp get' needs one server name");
        }
        if (args.has("json")) {
            throw UsageError("--json only applies to 'klaude mcp list'");
        }
        return get_server(app, positionals[1]);
    }
    throw UsageError("unknown mcp action '" + action + "' (list, get)");
}

}  // namespace

Command mcp_command() {
    Command command;
    command.name = "mcp";
    command.usage = "klaude mcp list [--json] | klaude mcp get NAME";
    command.summary = "the configured MCP servers: their state and tools";
    command.details =
        "MCP servers are configured under \"mcp_servers\" in $KLAUDE_HOME/config.json\n"
        "(docs/mcp.md). Both actions start the servers (in parallel, each bounded by its\n"
        "startup_timeout_s) to ask for their tools, then stop them.\n";
    command.options = {{"json", 0, false, "", "with list: one JSON object on stdout"}};
    command.run = &run_mcp;
    return command;
}

}  // namespace klaude::core
