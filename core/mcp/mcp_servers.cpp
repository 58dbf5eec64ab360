#include "core/mcp/mcp_servers.h"

#include <algorithm>
#include <iostream>
#include <thread>

#include "core/log/logger.h"
#include "core/mcp/mcp_tool.h"

namespace klaude::core::mcp {

std::string to_string(ServerStatus::State state) {
    switch (state) {
        case ServerStatus::State::kReady:
            return "ready";
        case ServerStatus::State::kFailed:
            return "failed";
        case ServerStatus::State::kDisabled:
            return "disabled";
    }
    return "unknown";
}

std::string server_line(const ServerStatus& s) {
    auto one_line = [](std::string text) {
        for (char& c : text) {
            c = c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
        }
        return text.size() > 200 ? text.substr(0, 200) + "..." : text;
    };
    std::string line = s.name + "  " + s.transport + "  ";
    if (s.client && s.client->failed()) {
        return line + "stopped  (" + one_line(s.client->failure()) + ")";
    }
    line += to_string(s.state);
    if (s.state == ServerStatus::State::kReady && s.client) {
        line += "  " + std::to_string(offered_tools(*s.client).size()) + " tools";
    }
    if (!s.detail.empty()) {
        line += "  (" + one_line(s.detail) + ")";
    }
    return line;
}

McpServers::McpServers(const std::vector<McpServerConfig>& configs, const std::atomic<bool>* cancel,
                       bool include_disabled) {
    for (const McpServerConfig& config : configs) {
        if (!config.enabled && !include_disabled) {
            continue;
        }
        ServerStatus status;
        status.name = config.name;
        status.transport = config.is_stdio() ? "stdio" : "http";
        if (!config.enabled) {
            status.state = ServerStatus::State::kDisabled;
        } else {
            status.client = std::make_shared<McpClient>(config);
        }
        servers_.push_back(std::move(status));
    }
    std::vector<std::thread> starters;
    for (ServerStatus& status : servers_) {
        if (!status.client) {
            continue;
        }
        starters.emplace_back([&status, cancel] {
            try {
                status.client->start(cancel);
                status.detail = status.client->server_name();
                if (!status.detail.empty()) {
                    status.detail += ", ";
                }
                status.detail += "MCP " + status.client->protocol_version();
            } catch (const std::exception& e) {
                status.state = ServerStatus::State::kFailed;
                status.detail = e.what();
            } catch (...) {
                status.state = ServerStatus::State::kFailed;
                status.detail = "unknown error";
            }
        });
    }
    for (std::thread& t : starters) {
        t.join();
    }
    for (ServerStatus& status : servers_) {
        if (status.state == ServerStatus::State::kFailed && status.client) {
            status.client->shutdown();
            status.client.reset();
        }
    }
}

McpServers::~McpServers() {
    std::vector<std::thread> stoppers;
    for (ServerStatus& status : servers_) {
        if (status.client) {
            stoppers.emplace_back([client = status.client] {
                try {
                    client->shutdown();
                } catch (...) {
                    // Shutting down: nothing left to report to.
                }
            });
        }
    }
    for (std::thread& t : stoppers) {
        t.join();
    }
}

std::vector<std::string> McpServers::failure_lines() const {
    std::vector<std::string> lines;
    for (const ServerStatus& status : servers_) {
        if (status.state == ServerStatus::State::kFailed) {
            lines.push_back("mcp server '" + status.name + "' failed to start: " + status.detail +
                            "; going on without it");
        }
    }
    return lines;
}

std::vector<ToolInfo> offered_tools(const McpClient& client) {
    const McpServerConfig& config = client.config();
    std::vector<ToolInfo> out;
    for (const ToolInfo& tool : client.tools()) {
        auto listed = [&](const std::vector<std::string>& names) {
            return std::find(names.begin(), names.end(), tool.name) != names.end();
        };
        if (config.enabled_tools && !listed(*config.enabled_tools)) {
            continue;
        }
        if (listed(config.disabled_tools)) {
            continue;
        }
        out.push_back(tool);
    }
    return out;
}

void McpServers::add_server_tools(const ServerStatus& status, agent::ToolRegistry& registry,
                                  std::vector<std::string>& lines) {
    for (ToolInfo& tool : offered_tools(*status.client)) {
        auto mcp_tool = std::make_unique<McpTool>(status.client, std::move(tool));
        const std::string name = mcp_tool->name();
        if (!registry.add(std::move(mcp_tool))) {
            lines.push_back("mcp server '" + status.name + "': a tool named '" + name +
                            "' exists already; left out");
        }
    }
}

std::vector<std::string> McpServers::add_tools(agent::ToolRegistry& registry) const {
    std::vector<std::string> lines;
    for (const ServerStatus& status : servers_) {
        if (!status.client || status.state != ServerStatus::State::kReady) {
            continue;
        }
        add_server_tools(status, registry, lines);
    }
    return lines;
}

std::vector<std::string> McpServers::reload_changed_tools(agent::ToolRegistry& registry,
                                                          const std::atomic<bool>* cancel) const {
    std::vector<std::string> lines;
    for (const ServerStatus& status : servers_) {
        if (!status.client || status.state != ServerStatus::State::kReady ||
            status.client->failed() || !status.client->tools_changed()) {
            continue;
        }
        McpClient& client = *status.client;
        const std::size_t before = offered_tools(client).size();
        try {
            client.reload_tools(cancel);
        } catch (const std::exception& e) {
            // A server that died meanwhile has had its "stopped" line from the failure handler.
            if (!client.failed()) {
                lines.push_back("mcp server '" + status.name + "': could not reload its tools (" +
                                e.what() + "); keeping the ones it had");
            }
            continue;
        }
        registry.remove_if([&client](const agent::Tool& tool) {
            const auto* mcp_tool = dynamic_cast<const McpTool*>(&tool);
            return mcp_tool != nullptr && &mcp_tool->client() == &client;
        });
        add_server_tools(status, registry, lines);
        Logger::instance().log(
            KLAUDE_LOG_INFO, "mcp:" + status.name,
            "tools reloaded after notifications/tools/list_changed: " + std::to_string(before) +
                " before, " + std::to_string(offered_tools(client).size()) + " now");
    }
    return lines;
}

}  // namespace klaude::core::mcp
