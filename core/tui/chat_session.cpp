#include "core/tui/chat_session.h"

#include "core/cli/auth_status_line.h"
#include "core/host/interrupts.h"
#include "core/plugin/plugin_client.h"
#include "core/tui/diff_view.h"
#include "core/tui/prompt_assembler.h"
#include "core/tui/turn_footer.h"

namespace klaude::core::tui {

namespace {

constexpr const char* kPrompt = "> ";
constexpr const char* kContinuationPrompt = ". ";

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// "label    value", aligned for the banner and /status.
std::string field(const std::string& label, const std::string& value) {
    constexpr std::size_t kWidth = 9;
    return label + std::string(label.size() < kWidth ? kWidth - label.size() : 1, ' ') + value;
}

}  // namespace

ChatSession::ChatSession(App& app, AgentSession& session, LineReader& reader, Screen& screen,
                         std::FILE* err)
    : app_(app),
      session_(session),
      reader_(reader),
      screen_(screen),
      err_(err),
      spinner_(screen, screen.caps().cursor),
      tui_approver_(screen, reader, app.host()),
      terminal_approver_(app.host()),
      approver_(
          screen.caps().tty ? static_cast<agent::Approver&>(tui_approver_) : terminal_approver_,
          spinner_),
      view_(screen, session.tools()) {
    view_.set_spinner(&spinner_);
    session_.set_approver(&approver_);
    // MCP progress notifications, on the server's reader thread, into the spinner's row.
    session_.set_tool_progress(
        [this](const agent::ToolProgress& progress) { view_.on_tool_progress(progress); });
}

ChatSession::~ChatSession() {
    session_.set_tool_progress(nullptr);
    session_.set_approver(nullptr);
}

std::string ChatSession::model_label() const {
    const ResolvedModel& model = session_.model();
    return model.ad_hoc ? model.provider.id + "/" + model.model.model_id : model.model.name;
}

void ChatSession::say(const std::string& text) {
    screen_.write(text);
    if (text.empty() || text.back() != '\n') {
        screen_.write("\n");
    }
    screen_.flush();
}

void ChatSession::warn(const std::string& text) {
    screen_.flush();
    std::fprintf(err_, "klaude: %s\n", text.c_str());
    std::fflush(err_);
}

void ChatSession::print_banner() {
    const ResolvedModel& model = session_.model();
    std::string text = std::string("klaude ") + KLAUDE_VERSION + ", interactive session\n";
    text += field("model", model_label() + " (provider " + model.provider.id + ")") + "\n";
    text += field("cwd", session_.tool_context().cwd.string()) + "\n";
    text += field("policy", session_.policy_line()) + "\n";
    text += field("session", session_.session_id()) + "\n";
    if (session_.resumed()) {
        const std::size_t items = session_.conversation().items().size();
        text += field("", "resumed: " + std::to_string(items) + (items == 1 ? " item" : " items") +
                              " loaded") +
                "\n";
    }
    text += "/help lists the commands; Ctrl-C cancels a turn, Ctrl-D quits.\n";
    say(text);
}

int ChatSession::run() {
    print_banner();
    for (;;) {
        std::optional<std::string> prompt = read_prompt();
        if (!prompt) {
            break;
        }
        if (blank(*prompt)) {
            continue;
        }
        if (prompt->find('\n') == std::string::npos) {
            if (auto command = parse_slash_command(*prompt)) {
                if (!handle(*command)) {
                    break;
                }
                continue;
            }
        }
        run_turn(unescape_prompt(*prompt));
    }
    if (!session_.conversation().items().empty()) {
        say("resume this conversation with: klaude --resume " + session_.session_id());
    }
    return 0;
}

std::optional<std::string> ChatSession::read_prompt() {
    Interrupts& interrupts = Interrupts::instance();
    PromptAssembler input;
    for (;;) {
        // At the prompt Ctrl-C only clears the line, however often it is pressed.
        interrupts.set_second_interrupt_exits(false);
        interrupts.reset();
        InputLine line = reader_.read(input.in_progress() ? kContinuationPrompt : kPrompt);
        switch (line.status) {
            case InputLine::Status::kInterrupted:
                input.reset();
                continue;
            case InputLine::Status::kEnd:
                // Ctrl-D in the middle of a multi-line prompt sends what was typed.
                if (input.in_progress()) {
                    reader_.remember(input.history_entry());
                    return input.take();
                }
                return std::nullopt;
            case InputLine::Status::kLine:
                if (input.add(line.text, line.more_input_waiting, line.pasted)) {
                    reader_.remember(input.history_entry());
                    return input.take();
                }
                continue;
        }
    }
}

bool ChatSession::handle(const SlashCommand& command) {
    switch (command.kind) {
        case SlashKind::kHelp:
            say(slash_help_text());
            return true;
        case SlashKind::kModel:
            if (command.argument.empty()) {
                show_model();
            } else {
                switch_model(command.argument);
            }
            return true;
        case SlashKind::kClear:
            clear_conversation();
            return true;
        case SlashKind::kStatus:
            show_status();
            return true;
        case SlashKind::kCompact:
            compact();
            return true;
        case SlashKind::kMcp:
            say(session_.mcp_report());
            return true;
        case SlashKind::kDiff:
            show_diff();
            return true;
        case SlashKind::kQuit:
            return false;
        case SlashKind::kUnknown:
            say(unknown_command_hint(command));
            return true;
    }
    return true;
}

void ChatSession::show_model() {
    const ResolvedModel& model = session_.model();
    say(field("model", model_label() + " (provider " + model.provider.id + ", model id " +
                           model.model.model_id + ")"));
    const uint64_t window = session_.loop().settings().context_window;
    say(field("context", window > 0 ? std::to_string(window) + " tokens" : "unknown"));
    std::string names;
    for (const ModelConfig& configured : app_.config().models) {
        names += (names.empty() ? "" : ", ") + configured.name;
    }
    say(field("models", names.empty() ? "(none configured)" : names));
    say("switch with /model NAME or /model PROVIDER/MODEL_ID");
}

void ChatSession::switch_model(const std::string& spec) {
    try {
        session_.switch_model(spec);
    } catch (const std::exception& e) {
        warn(first_line(e.what()) + " (still using " + model_label() + ")");
        return;
    }
    say(field("model", model_label() + " (provider " + session_.model().provider.id + ")"));
    const uint64_t window = session_.loop().settings().context_window;
    if (window > 0) {
        say(field("context", std::to_string(window) + " tokens"));
    }
}

void ChatSession::clear_conversation() {
    session_.start_new_conversation();
    say("conversation cleared: the next prompt starts a new session (" + session_.session_id() +
        ")");
}

void ChatSession::compact() {
    const std::size_t before = session_.conversation().items().size();
    spinner_.show("summarising the conversation");  // end_turn hides it
    try {
        if (!session_.compact(view_)) {
            spinner_.hide();
            say("nothing to compact");
            return;
        }
    } catch (const std::exception& e) {
        view_.end_turn();
        warn(first_line(e.what()));
        return;
    }
    view_.end_turn();
    say("conversation compacted: " + std::to_string(before) + " items summarised into " +
        std::to_string(session_.conversation().items().size()));
}

void ChatSession::show_diff() {
    const auto changes = session_.journal().changes(session_.tool_context().cwd);
    if (changes.empty()) {
        say("no changes yet (only write_file and apply_patch edits are tracked, not the shell's)");
        return;
    }
    std::string text;
    for (const agent::FileChange& change : changes) {
        // All of it: the user asked to see it, and the terminal's scrollback holds it.
        text += render_diff(change.diff, screen_.theme(), 0, screen_.caps().unicode);
    }
    say(text);
}

void ChatSession::show_status() {
    const ResolvedModel& model = session_.model();
    std::string text;
    text += field("model", model_label() + " (provider " + model.provider.id + ", model id " +
                               model.model.model_id + ")") +
            "\n";
    text += field("login", auth_status_line(app_, model.provider)) + "\n";
    text += field("tokens", describe_usage(view_.session_usage()) + " this session") + "\n";
    text += field("policy", session_.policy_line()) + "\n";
    const std::size_t items = session_.conversation().items().size();
    text += field("session", session_.session_id() + " (" + std::to_string(items) +
                                 (items == 1 ? " item" : " items") + " in the conversation)") +
            "\n";
    text += field("cwd", session_.tool_context().cwd.string()) + "\n";
    say(text);
}

// Runs on the interrupt watcher thread.
void ChatSession::cancel_notice() {
    const std::string notice = "^C cancelling the turn (Ctrl-C again quits)";
    if (!screen_.caps().tty) {
        std::fputs(("\n" + notice + "\n").c_str(), err_);
        std::fflush(err_);
        return;
    }
    // On a terminal through the Screen, whose lock keeps it out of the middle of a row
    // being written; the spinner goes first so the notice does not sit under it.
    spinner_.hide();
    screen_.end_line();
    screen_.write(screen_.theme().paint(Role::kDim, notice) + "\n");
    screen_.flush();
}

void ChatSession::show_turn_footer() {
    const Usage& usage = view_.turn_usage();
    if (usage.total_tokens == 0 && usage.input_tokens == 0 && usage.output_tokens == 0) {
        return;
    }
    if (!screen_.caps().tty) {
        view_.note("tokens: " + describe_usage(usage));  // what pipes always got
        return;
    }
    // The window is read now, not at start-up: /model may have changed it.
    const uint64_t window = session_.loop().settings().context_window;
    const uint64_t used =
        context_tokens_used(view_.last_call_usage(), session_.conversation().estimated_tokens());
    view_.note(describe_turn_footer(usage, used, window, screen_.caps().unicode));
}

void ChatSession::run_turn(const std::string& prompt) {
    Interrupts& interrupts = Interrupts::instance();
    // During a turn the first Ctrl-C cancels it and a second one (while the first is being
    // handled) ends klaude, for a turn that does not stop.
    interrupts.set_second_interrupt_exits(true);
    auto notice = interrupts.on_interrupt([this] { cancel_notice(); });
    view_.begin_turn();
    bool cancelled = false;
    std::optional<std::string> failure;
    TurnResult result;
    try {
        result = session_.run_turn(prompt, view_);
        cancelled = result.outcome == TurnResult::Outcome::kCancelled;
    } catch (const PluginError& e) {
        cancelled = e.status() == KLAUDE_ERROR_CANCELLED || interrupts.requested();
        failure = first_line(e.what());
    } catch (const std::exception& e) {
        cancelled = interrupts.requested();
        failure = first_line(e.what());
    }
    view_.end_turn();
    if (cancelled) {
        view_.note("(turn cancelled)");
    } else if (failure) {
        warn(*failure);
    } else if (result.outcome == TurnResult::Outcome::kMaxSteps) {
        warn("stopped after " + std::to_string(result.model_calls) +
             " model calls (--max-turns); the task may be unfinished: ask to continue");
    }
    show_turn_footer();
    interrupts.set_second_interrupt_exits(false);
    interrupts.reset();
}

}  // namespace klaude::core::tui
