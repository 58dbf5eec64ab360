// Everything a conversation with the agent needs, put together the same way for `klaude exec`
// and the interactive session: the model (resolved from -m / config), the plugin client, the
// tools with the approval policy and sandbox, the instructions, and the saved session
// (new, --continue, or --resume ID).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/agent/agent_loop.h"
#include "core/agent/tools/change_journal.h"
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

    // Runs a turn, persisting every item to the session file. First the MCP servers that said
    // their tool list changed are listed again and their tools replaced (docs/mcp.md). A model the
    // server refuses throws PluginError(KLAUDE_ERROR_MODEL_UNAVAILABLE) with the catalog's advice.
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

    // Who answers the tools' approval requests: `approver` (which must outlive its use), or
    // the terminal prompt that exec uses too when nullptr.
    void set_approver(agent::Approver* approver);

    // Who is told how far a running tool has got (agent::ToolContext::on_progress; called on
    // the tool's thread): the interactive session's spinner; nobody when empty.
    void set_tool_progress(std::function<void(const agent::ToolProgress&)> on_progress);

    // The files the edit tools changed in this session, from before their first change (/diff).
    const agent::ChangeJournal& journal() const { return journal_; }

  private:
    void open_client();
    void ensure_writer();
    void start_mcp_servers(const std::vector<McpServerConfig>& configs);
    void reload_changed_mcp_tools();

    App& app_;
    ResolvedModel model_;
    std::optional<CatalogModel> model_info_;  // what the provider's catalog says of it
    std::shared_ptr<PluginClient> client_;    // the App's, shared with the catalog
    std::unique_ptr<mcp::McpServers> mcp_;    // the MCP servers whose tools are in tools_
    agent::ToolRegistry tools_;
    TerminalApprover approver_;
    agent::ChangeJournal journal_;
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
