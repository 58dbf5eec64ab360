// `klaude mcp list [--json]` and `klaude mcp get NAME`: the configured MCP servers, started to
// see their state and tools; `klaude mcp add` / `remove`: one server in or out of the user's
// config file, its comments kept (docs/mcp.md).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <atomic>
#include <iostream>

#include "core/cli/command.h"
#include "core/config/mcp_config_edit.h"
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

// "KEY=VALUE" (env) or "Name: value" (headers), split at the first `separator`.
std::pair<std::string, std::string> split_pair(const std::string& text, char separator,
                                               const std::string& option) {
    const size_t at = text.find(separator);
    if (at == std::string::npos || at == 0) {
        throw UsageError("--" + option + " takes " +
                         (separator == '=' ? "KEY=VALUE" : "'Name: value'") + ", not '" + text +
                         "'");
    }
    std::string value = text.substr(at + 1);
    value.erase(0, value.find_first_not_of(' '));
    return {text.substr(0, at), value};
}

int add_server(App& app, const ParsedArgs& args) {
    const auto& positionals = args.positionals();
    if (positionals.size() < 2) {
        throw UsageError(
            "'klaude mcp add' needs a name and a server: klaude mcp add NAME -- COMMAND [ARGS...] "
            "or klaude mcp add NAME --url URL");
    }
    McpServerEntry entry;
    entry.name = positionals[1];
    entry.command.assign(positionals.begin() + 2, positionals.end());
    entry.url = args.value("url");
    if (entry.url.has_value() == !entry.command.empty()) {
        throw UsageError(entry.url ? "give either --url URL or -- COMMAND [ARGS...], not both"
                                   : "'klaude mcp add " + entry.name +
                                         "' needs a server: -- COMMAND [ARGS...] or --url URL");
    }
    for (const std::string& pair : args.values("env")) {
        entry.env.insert(split_pair(pair, '=', "env"));
    }
    for (const std::string& pair : args.values("header")) {
        entry.headers.insert(split_pair(pair, ':', "header"));
    }
    entry.cwd = args.value("cwd");
    entry.bearer_token_env = args.value("bearer-token-env");
    if (entry.url && (!entry.env.empty() || entry.cwd)) {
        throw UsageError("--env and --cwd are for a server started as a command, not --url");
    }
    if (!entry.url && (!entry.headers.empty() || entry.bearer_token_env)) {
        throw UsageError("--header and --bearer-token-env are for a --url server");
    }
    add_mcp_server(app.config_file(), entry);
    std::cout << "Added MCP server '" << entry.name << "' to " << app.config_file().string()
              << "\nCheck that it starts: klaude mcp get " << entry.name << "\n";
    return kExitOk;
}

int remove_server(App& app, const ParsedArgs& args) {
    const auto& positionals = args.positionals();
    if (positionals.size() != 2) {
        throw UsageError("'klaude mcp remove' needs one server name");
    }
    remove_mcp_server(app.config_file(), positionals[1]);
    std::cout << "Removed MCP server '" << positionals[1] << "' from " << app.config_file().string()
              << "\n";
    return kExitOk;
}

void reject_edit_options(const ParsedArgs& args, const std::string& action) {
    for (const char* option : {"url", "env", "header", "cwd", "bearer-token-env"}) {
        if (args.has(option)) {
            throw UsageError(std::string("--") + option +
                             " only applies to 'klaude mcp add', not " + action);
        }
    }
}

int run_mcp(App& app, const ParsedArgs& args) {
    const auto& positionals = args.positionals();
    if (positionals.empty()) {
        throw UsageError("'klaude mcp' needs an action: list, get NAME, add NAME ..., remove NAME");
    }
    const std::string& action = positionals.front();
    if (action == "add" || action == "remove") {
        if (args.has("json")) {
            throw UsageError("--json only applies to 'klaude mcp list'");
        }
        return action == "add" ? add_server(app, args) : remove_server(app, args);
    }
    reject_edit_options(args, action);
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
    throw UsageError("unknown mcp action '" + action + "' (list, get, add, remove)");
}

}  // namespace

Command mcp_command() {
    Command command;
    command.name = "mcp";
    command.usage =
        "klaude mcp list [--json] | get NAME | add NAME [--env K=V]... [--cwd DIR] -- COMMAND "
        "[ARGS...] | add NAME --url URL [--header 'N: V']... [--bearer-token-env VAR] | remove "
        "NAME";
    command.summary = "the configured MCP servers: their state and tools; add and remove them";
    command.details =
        "MCP servers are configured under \"mcp_servers\" in $KLAUDE_HOME/config.json\n"
        "(docs/mcp.md). list and get start the servers (in parallel, each bounded by its\n"
        "startup_timeout_s) to ask for their tools, then stop them. add and remove edit the\n"
        "config file, keeping its comments; everything after -- is the server's command line.\n";
    command.options = {
        {"json", 0, false, "", "with list: one JSON object on stdout"},
        {"url", 0, true, "URL", "with add: a Streamable HTTP server"},
        {"env", 0, true, "KEY=VALUE", "with add: the server's environment (repeatable)"},
        {"cwd", 0, true, "DIR", "with add: the server's working directory"},
        {"header", 0, true, "'N: V'", "with add --url: an HTTP header (repeatable)"},
        {"bearer-token-env", 0, true, "VAR", "with add --url: the variable holding a token"},
    };
    command.run = &run_mcp;
    return command;
}

}  // namespace klaude::core
