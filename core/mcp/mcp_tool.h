// One tool of an MCP server as an agent tool: mcp__<server>__<tool>, the server's description
// and inputSchema, approval by policy (docs/mcp.md), tools/call with the server's timeout and
// Ctrl-C, and the result converted and bounded (call_result.h).
#pragma once

#include <memory>

#include "core/agent/tools/tool.h"
#include "core/mcp/mcp_client.h"

namespace klaude::core::mcp {

class McpTool : public agent::Tool {
  public:
    McpTool(std::shared_ptr<McpClient> client, ToolInfo info);

    std::string name() const override { return name_; }
    std::string description() const override;
    std::vector<agent::ParamSpec> parameters() const override { return {}; }
    // ask: every call asks; auto-edit: asks unless the server marks the tool readOnlyHint;
    // full-auto: never asks. (kEditsFiles is the kind needs_approval treats that way.)
    agent::ToolKind kind() const override {
        return info_.read_only ? agent::ToolKind::kEditsFiles : agent::ToolKind::kRunsCommands;
    }
    std::string parameters_schema() const override;
    bool available() const override { return !client_->failed(); }
    agent::ToolResult run(std::string_view arguments_json, agent::ToolContext& ctx) override;

    const ToolInfo& info() const { return info_; }
    const McpClient& client() const { return *client_; }

  protected:
    agent::ToolResult execute(const agent::ToolArgs& args, agent::ToolContext& ctx) override;

  private:
    agent::ToolResult call(std::string_view arguments_json, agent::ToolContext& ctx);

    std::shared_ptr<McpClient> client_;
    ToolInfo info_;
    std::string name_;
};

}  // namespace klaude::core::mcp
