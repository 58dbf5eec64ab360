#include "core/mcp/mcp_tool.h"

#include "core/mcp/json_text.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/agent/tools/text_utils.h"
#include "core/mcp/call_result.h"
#include "core/mcp/tool_names.h"

namespace klaude::core::mcp {

McpTool::McpTool(std::shared_ptr<McpClient> client, ToolInfo info)
    : client_(std::move(client)),
      info_(std::move(info)),
      name_(mcp_tool_name(client_->config().name, info_.name)) {}

std::string McpTool::description() const {
    std::string text = !info_.description.empty() ? info_.description
                       : !info_.title.empty()     ? info_.title
                                                  : info_.name;
    return text;
}

std::string McpTool::parameters_schema() const {
    // The server's schema as is, minus "$schema" (some model APIs refuse it), and always an
    // object with properties (what function calling expects).
    rapidjson::Document schema;
    schema.Parse(info_.input_schema_json.c_str());
    if (schema.HasParseError() || !schema.IsObject()) {
        return "{\"type\":\"object\",\"properties\":{}}";
    }
    schema.EraseMember("$schema");  // keeps the order of the rest
    if (!schema.HasMember("type")) {
        schema.AddMember("type", "object", schema.GetAllocator());
    }
    if (!schema.HasMember("properties")) {
        schema.AddMember("properties", rapidjson::Value(rapidjson::kObjectType),
                         schema.GetAllocator());
    }
    return to_text(schema);
}

agent::ToolResult McpTool::execute(const agent::ToolArgs& args, agent::ToolContext& ctx) {
    (void)args;
    (void)ctx;
    return agent::ToolResult::error(name_ + ": internal error (execute without arguments)");
}

agent::ToolResult McpTool::run(std::string_view arguments_json, agent::ToolContext& ctx) {
    try {
        return call(arguments_json, ctx);
    } catch (const std::exception& e) {
        return agent::ToolResult::error(name_ + " failed: " + e.what());
    } catch (...) {
        return agent::ToolResult::error(name_ + " failed with an unknown error");
    }
}

agent::ToolResult McpTool::call(std::string_view arguments_json, agent::ToolContext& ctx) {
    rapidjson::Document args;
    if (arguments_json.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        args.SetObject();
    } else {
        args.Parse(arguments_json.data(), arguments_json.size());
    }
    if (args.HasParseError() || !args.IsObject()) {
        return agent::ToolResult::error(name_ + ": the arguments must be a JSON object");
    }
    const std::string compact_args = to_text(args);
    if (ctx.cancelled()) {
        agent::ToolResult r = agent::ToolResult::error(name_ + ": cancelled before it started");
        r.cancelled = true;
        return r;
    }
    const std::string& server = client_->config().name;
    if (client_->failed()) {
        return agent::ToolResult::error("MCP server '" + server + "' is not running (" +
                                        client_->failure() + "); its tools are unavailable");
    }
    agent::ApprovalRequest request;
    request.summary = "mcp: server '" + server + "', tool '" + info_.name + "'";
    constexpr std::size_t kShownArgs = 2000;
    request.arguments =
        compact_args.size() > kShownArgs
            ? compact_args.substr(0, agent::utf8_floor(compact_args, kShownArgs)) + "…"
            : compact_args;
    if (!approved(ctx, request)) {
        return agent::ToolResult::denial();
    }

    McpClient::ProgressHandler on_progress;
    if (ctx.on_progress) {
        on_progress = [show = ctx.on_progress](const McpClient::Progress& p) {
            show(agent::ToolProgress{p.progress, p.total, p.message});
        };
    }
    RpcOutcome outcome =
        client_->call_tool(info_.name, compact_args, ctx.cancel, std::move(on_progress));
    switch (outcome.status) {
        case RpcOutcome::Status::kOk:
            return convert_call_result(outcome.result_json, ctx.limits.mcp_output_bytes);
        case RpcOutcome::Status::kError:
            return agent::ToolResult::error("MCP server '" + server +
                                            "' refused the call: " + outcome.error);
        case RpcOutcome::Status::kTimedOut: {
            agent::ToolResult r =
                agent::ToolResult::error("MCP tool '" + info_.name + "' did not answer within " +
                                         std::to_string(client_->config().tool_timeout_s) +
                                         " s (tool_timeout_s); the call was cancelled");
            r.timed_out = true;
            return r;
        }
        case RpcOutcome::Status::kCancelled: {
            agent::ToolResult r = agent::ToolResult::error("Cancelled by the user.");
            r.cancelled = true;
            return r;
        }
        case RpcOutcome::Status::kFailed:
            return agent::ToolResult::error("MCP server '" + server + "' failed during the call (" +
                                            outcome.error + "); its tools are withdrawn");
    }
    return agent::ToolResult::error(name_ + ": unexpected outcome");
}

}  // namespace klaude::core::mcp
