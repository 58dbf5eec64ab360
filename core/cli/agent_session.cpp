#include "core/cli/agent_session.h"

#include <atomic>
#include <filesystem>
#include <iostream>

#include "core/agent/instructions.h"
#include "core/agent/tools/default_tools.h"
#include "core/agent/tools/landlock_sandbox.h"
#include "core/host/interrupts.h"

namespace klaude::core {

namespace {

// Persists every item of a turn while forwarding everything to the display.
class RecordingObserver : public TurnObserver {
  public:
    RecordingObserver(TurnObserver& display, SessionWriter& writer)
        : display_(display), writer_(writer) {}
    void on_model_event(klaude_event_type_t type, std::string_view data) override {
        display_.on_model_event(type, data);
    }
    void on_tool_call(const ToolCall& call) override { display_.on_tool_call(call); }
    void on_tool_result(const ToolCall& call, const agent::ToolResult& result) override {
        display_.on_tool_result(call, result);
    }
    void on_item(const std::string& item_json) override {
        writer_.append_item(item_json);
        display_.on_item(item_json);
    }
    void on_history_replaced(const std::vector<std::string>& items) override {
        writer_.append_history(items);
        display_.on_history_replaced(items);
    }

  private:
    TurnObserver& display_;
    SessionWriter& writer_;
};

int parse_positive(const std::string& option, const std::string& value) {
    size_t used = 0;
    int number = 0;
    try {
        number = std::stoi(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != value.size() || number <= 0) {
        throw UsageError("--" + option + " needs a positive whole number, not '" + value + "'");
    }
    return number;
}

// -c key=value: per-run overrides of the model's settings.
void apply_overrides(const ParsedArgs& args, TurnSettings& settings) {
    for (const std::string& override : args.values("config")) {
        const auto eq = override.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw UsageError("-c needs KEY=VALUE, not '" + override + "'");
        }
        const std::string key = override.substr(0, eq);
        const std::string value = override.substr(eq + 1);
        if (key == "reasoning_effort" || key == "reasoning.effort") {
            settings.reasoning_effort = value;
        } else if (key == "reasoning_summary" || key == "reasoning.summary") {
            settings.reasoning_summary = value;
        } else if (key == "verbosity") {
            settings.verbosity = value;
        } else if (key == "max_output_tokens") {
            settings.max_output_tokens = static_cast<uint64_t>(parse_positive(key, value));
        } else {
            throw UsageError("unknown -c key '" + key +
                             "' (reasoning_effort, reasoning_summary, verbosity, "
                             "max_output_tokens)");
        }
    }
}

}  // namespace

std::vector<OptionSpec> agent_option_specs() {
    return {
        {"model", 'm', true, "MODEL", "a configured model name, or PROVIDER/MODEL_ID"},
        {"config", 'c', true, "KEY=VALUE",
         "override reasoning_effort, reasoning_summary, verbosity, max_output_tokens"},
        {"instructions", 0, true, "FILE", "use FILE as the system prompt"},
        {"approval", 0, true, "POLICY",
         "ask | auto-edit | full-auto: which tool calls need your yes"},
        {"sandbox", 0, true, "MODE",
         "workspace-write | off: confine shell commands' writes (Landlock)"},
        {"allow-outside-cwd", 0, false, "", "let the write tools change files outside the cwd"},
        {"max-turns", 0, true, "N", "stop after N model calls in one turn (default 50)"},
        {"continue", 0, false, "", "continue the last session of this directory"},
        {"resume", 0, true, "ID", "continue session ID (see 'klaude sessions')"},
    };
}

AgentSession::AgentSession(App& app, const ParsedArgs& args, agent::ApprovalPolicy default_approval)
    : app_(app), approver_(app.host()) {
    const std::filesystem::path cwd = std::filesystem::current_path();

    // The saved session to continue, if any: its model is the default for this run.
    std::optional<LoadedSession> earlier;
    if (args.has("continue") && args.has("resume")) {
        throw UsageError("--continue and --resume exclude each other");
    }
    if (args.has("continue")) {
        auto last = last_session_in(app.home(), cwd);
        if (!last) {
            throw std::runtime_error("no earlier session in " + cwd.string() +
                                     "; start one without --continue");
        }
        earlier = load_session(app.home(), last->id);
    } else if (auto id = args.value("resume")) {
        earlier = load_session(app.home(), *id);
    }

    std::string spec = choose_model_spec(args.value("model").value_or(""));
    if (spec.empty() && earlier && !earlier->info.model.empty()) {
        spec = earlier->info.model;
    }
    ModelChoice choice = choose_model(app, spec);
    model_ = std::move(choice.resolved);
    model_info_ = std::move(choice.info);

    agent::ApprovalPolicy approval = default_approval;
    if (auto value = args.value("approval")) {
        auto parsed = agent::parse_approval_policy(*value);
        if (!parsed) {
            throw UsageError("--approval is ask, auto-edit or full-auto, not '" + *value + "'");
        }
        approval = *parsed;
    }
    agent::SandboxMode sandbox = agent::default_sandbox_for(approval);
    if (auto value = args.value("sandbox")) {
        auto parsed = agent::parse_sandbox_mode(*value);
        if (!parsed) {
            throw UsageError("--sandbox is workspace-write or off, not '" + *value + "'");
        }
        sandbox = *parsed;
    }
    if (auto value = args.value("max-turns")) {
        max_turns_ = parse_positive("max-turns", *value);
    }

    tool_context_ = agent::ToolContext::in_directory(cwd);
    tool_context_.approval = approval;
    tool_context_.sandbox = sandbox;
    tool_context_.allow_outside_cwd = args.has("allow-outside-cwd");
    tool_context_.approver = &approver_;
    tool_context_.journal = &journal_;
    agent::add_default_tools(tools_);
    start_mcp_servers(app.config().mcp_servers);

    std::optional<std::filesystem::path> instructions_file;
    if (auto file = args.value("instructions")) {
        instructions_file = *file;
    }
    base_settings_.instructions = model_.model.instructions && !instructions_file
                                      ? *model_.model.instructions
                                      : build_instructions(cwd, instructions_file);
    apply_overrides(args, base_settings_);

    if (earlier) {
        for (const std::string& item : earlier->items) {
            conversation_.add_item(item);
        }
        session_id_ = earlier->info.id;
        writer_.emplace(SessionWriter::append_to(earlier->info.file));
        resumed_ = true;
    } else {
        session_id_ = new_session_id();
    }
    open_client();
}

AgentSession::~AgentSession() {
    loop_.reset();
    client_.reset();
}

std::string AgentSession::mcp_report() const {
    if (!mcp_ || mcp_->servers().empty()) {
        return "No MCP servers configured (\"mcp_servers\" in " + app_.config_file().string() +
               "; see docs/mcp.md)";
    }
    std::string report;
    for (const mcp::ServerStatus& status : mcp_->servers()) {
        report += (report.empty() ? "" : "\n") + mcp::server_line(status);
    }
    return report;
}

void AgentSession::start_mcp_servers(const std::vector<McpServerConfig>& configs) {
    if (configs.empty()) {
        return;
    }
    // Ctrl-C while servers start gives up on the ones not ready yet.
    std::atomic<bool> cancel{false};
    Interrupts::instance().reset();
    auto subscription = Interrupts::instance().on_interrupt([&cancel] { cancel.store(true); });
    mcp_ = std::make_unique<mcp::McpServers>(configs, &cancel);
    for (const std::string& line : mcp_->failure_lines()) {
        std::cerr << "klaude: " << line << "\n";
    }
    for (const std::string& line : mcp_->add_tools(tools_)) {
        std::cerr << "klaude: " << line << "\n";
    }
    for (const mcp::ServerStatus& status : mcp_->servers()) {
        if (status.client) {
            status.client->set_failure_handler([name = status.name](const std::string& why) {
                std::cerr << "klaude: mcp server '" + name + "' stopped: " + why +
                                 "; its tools are withdrawn\n"
                          << std::flush;
            });
        }
    }
}

void AgentSession::open_client() {
    TurnSettings settings = base_settings_;
    settings.model_id = model_.model.model_id;
    settings.origin = model_.provider.protocol;
    settings.session_id = session_id_;
    settings.context_window = model_.model.context_window.value_or(0);
    // Model settings apply unless -c overrode them.
    if (!settings.reasoning_effort)
        settings.reasoning_effort = model_.model.reasoning_effort;
    if (!settings.reasoning_summary)
        settings.reasoning_summary = model_.model.reasoning_summary;
    if (!settings.verbosity)
        settings.verbosity = model_.model.verbosity;
    if (model_info_) {
        apply_catalog_settings(*model_info_, model_.provider.id, settings);
    }
    loop_.reset();
    client_ = app_.client_for(model_.provider);
    loop_ = std::make_unique<AgentLoop>(*client_, tools_, tool_context_, settings, max_turns_);
}

void AgentSession::start_new_conversation() {
    conversation_.clear();
    writer_.reset();  // the next turn creates a new session file
    session_id_ = new_session_id();
    resumed_ = false;
    open_client();  // the new session id goes into every request
}

void AgentSession::set_approver(agent::Approver* approver) {
    tool_context_.approver = approver != nullptr ? approver : &approver_;
}

void AgentSession::switch_model(const std::string& spec) {
    ResolvedModel previous = model_;
    std::optional<CatalogModel> previous_info = model_info_;
    ModelChoice choice = choose_model(app_, spec);
    model_ = std::move(choice.resolved);
    model_info_ = std::move(choice.info);
    try {
        open_client();
    } catch (...) {
        model_ = std::move(previous);
        model_info_ = std::move(previous_info);
        open_client();
        throw;
    }
}

std::string AgentSession::policy_line() const {
    return "approval " + agent::to_string(tool_context_.approval) + "; " +
           agent::sandbox_description(tool_context_.sandbox, tool_context_.cwd,
                                      tool_context_.effective_temp_dir());
}

void AgentSession::ensure_writer() {
    if (writer_) {
        return;
    }
    SessionInfo info;
    info.id = session_id_;
    info.cwd = tool_context_.cwd.string();
    info.provider = model_.provider.id;
    info.model =
        model_.ad_hoc ? model_.provider.id + "/" + model_.model.model_id : model_.model.name;
    writer_.emplace(SessionWriter::create(app_.home(), info));
}

void AgentSession::reload_changed_mcp_tools() {
    if (!mcp_) {
        return;
    }
    // Ctrl-C gives up on the reloads (the servers keep their old tools) and, as the flag is
    // reset for the turn after, not on the turn.
    std::atomic<bool> cancel{false};
    Interrupts::instance().reset();
    auto subscription = Interrupts::instance().on_interrupt([&cancel] { cancel.store(true); });
    for (const std::string& line : mcp_->reload_changed_tools(tools_, &cancel)) {
        std::cerr << "klaude: " << line << "\n" << std::flush;
    }
}

void AgentSession::set_tool_progress(std::function<void(const agent::ToolProgress&)> on_progress) {
    tool_context_.on_progress = std::move(on_progress);
}

TurnResult AgentSession::run_turn(const std::string& prompt, TurnObserver& display) {
    // Between turns, never during one: the tools the model is offered change only here (or
    // drop out when their server fails).
    reload_changed_mcp_tools();
    ensure_writer();
    Interrupts::instance().reset();
    loop_->reset_cancel();
    auto subscription = Interrupts::instance().on_interrupt([this] { loop_->cancel(); });
    RecordingObserver observer(display, *writer_);
    try {
        return loop_->run_turn(conversation_, prompt, observer);
    } catch (const PluginError& e) {
        if (e.status() != KLAUDE_ERROR_MODEL_UNAVAILABLE) {
            throw;
        }
        throw PluginError(e.status(), model_refusal_message(app_, model_, e.what()));
    }
}

bool AgentSession::compact(TurnObserver& display) {
    if (conversation_.items().empty()) {
        return false;
    }
    ensure_writer();
    Interrupts::instance().reset();
    loop_->reset_cancel();
    auto subscription = Interrupts::instance().on_interrupt([this] { loop_->cancel(); });
    RecordingObserver observer(display, *writer_);
    return loop_->compact(conversation_, observer);
}
}  // namespace klaude::core
