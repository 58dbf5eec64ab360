// Everything a conversation with the agent needs, put together the same way for `klaude exec`
// and the interactive session: the model (resolved from -m / config), the plugin client, the
// tools with the approval policy and sandbox, the instructions, and the saved session
// (new, --continue, or --resume ID).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/agent/agent_loop.h"
#include "core/agent/tools/tool_registry.h"
#include "core/cli/app.h"
#include "core/cli/arg_parser.h"
#include "core/cli/model_choice.h"
#include "core/cli/terminal_approver.h"
#include "core/config/model_resolution.h"
#include "core/mcp/mcp_servers.h"
#include "core/plugin/plugin_client.h"
#include "core/session/session_store.h"

namespace klaude::core {

// The options both front ends accept.
std::vector<OptionSpec> agent_option_specs();

class AgentSession {
  public:
    // `default_approval`: auto-edit for exec, ask for the interactive session.
    AgentSession(App& app, const ParsedArgs& args, agent::ApprovalPolicy default_approval);
    ~AgentSession();

    AgentLoop& loop() { return *loop_; }
    Conversation& conversation() { return conversation_; }
    const ResolvedModel& model() const { return model_; }
    const agent::ToolContext& tool_context() const { return tool_context_; }
    const std::string& session_id() const { return session_id_; }
    bool resumed() const { return resumed_; }
    // One plain line: approval policy and what the shell sandbox enforces.
    std::string policy_line() const;

    // Runs a turn, persisting every item to the session file. A model the server refuses
    // throws PluginError(KLAUDE_ERROR_MODEL_UNAVAILABLE) with the catalog's advice.
    TurnResult run_turn(const std::string& prompt, TurnObserver& display);

    // Forgets the conversation and starts a new saved session (/clear).
    void start_new_conversation();

    const agent::ToolRegistry& tools() const { return tools_; }

    // Shortens the history into a model-written summary (/compact). False when empty.
    bool compact(TurnObserver& display);

    // One line per configured MCP server as it is now (ready with its tool count, failed,
    // stopped since); a hint when none is configured (interactive /mcp).
    std::string mcp_report() const;

    // Switches the model for later turns (interactive /model).
    void switch_model(const std::string& spec);

    // Who asks the user before a tool acts, from now on (the interactive session's own
    // prompt); nullptr gives the terminal approver back. `approver` must outlive its use.
    void set_approver(agent::Approver* approver);

  private:
    void open_client();
    void ensure_writer();
    void start_mcp_servers(const std::vector<McpServerConfig>& configs);

    App& app_;
    ResolvedModel model_;
    std::optional<CatalogModel> model_info_;  // what the provider's catalog says of it
    std::shared_ptr<PluginClient> client_;    // the App's, shared with the catalog
    std::unique_ptr<mcp::McpServers> mcp_;    // the MCP servers whose tools are in tools_
    agent::ToolRegistry tools_;
    TerminalApprover approver_;
    agent::ToolContext tool_context_;
    Conversation conversation_;
    std::unique_ptr<AgentLoop> loop_;
    std::optional<SessionWriter> writer_;
    std::string session_id_;
    bool resumed_ = false;
    int max_turns_ = 50;
    TurnSettings base_settings_;
};

}  // namespace klaude::core
