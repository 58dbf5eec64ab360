#include "core/tui/chat_session.h"

#include "core/cli/auth_status_line.h"
#include "core/host/interrupts.h"
#include "core/plugin/plugin_client.h"
#include "core/tui/prompt_assembler.h"

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
      view_(screen, session.tools()) {}

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
                if (input.add(line.text, line.more_input_waiting)) {
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
}

void ChatSession::clear_conversation() {
    session_.start_new_conversation();
    say("conversation cleared: the next prompt starts a new session (" + session_.session_id() +
        ")");
}

void ChatSession::compact() {
    const std::size_t before = session_.conversation().items().size();
    try {
        if (!session_.compact(view_)) {
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

void ChatSession::run_turn(const std::string& prompt) {
    Interrupts& interrupts = Interrupts::instance();
    // During a turn the first Ctrl-C cancels it and a second one (while the first is being
    // handled) ends klaude, for a turn that does not stop.
    interrupts.set_second_interrupt_exits(true);
    std::FILE* err = err_;
    auto notice = interrupts.on_interrupt([err] {
        std::fputs("\n^C cancelling the turn (Ctrl-C again quits)\n", err);
        std::fflush(err);
    });
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
    const Usage& usage = view_.turn_usage();
    if (usage.total_tokens > 0 || usage.input_tokens > 0 || usage.output_tokens > 0) {
        view_.note("tokens: " + describe_usage(usage));
    }
    interrupts.set_second_interrupt_exits(false);
    interrupts.reset();
}

}  // namespace klaude::core::tui
