#include "core/tui/turn_view.h"

namespace klaude::core::tui {

TurnView::TurnView(Screen& screen, const agent::ToolRegistry& tools)
    : screen_(screen), tools_(tools) {}

void TurnView::begin_turn() {
    turn_usage_ = Usage{};
    in_reasoning_ = false;
}

void TurnView::end_turn() {
    end_reasoning();
    end_line();
    screen_.flush();
}

void TurnView::end_line() {
    screen_.end_line();
}

void TurnView::end_reasoning() {
    if (in_reasoning_) {
        std::string reset;
        theme().reset(reset);
        screen_.write(reset);
        end_line();
        in_reasoning_ = false;
    }
}

void TurnView::note(const std::string& text) {
    end_reasoning();
    end_line();
    screen_.write(theme().paint(Role::kDim, text) + "\n");
    screen_.flush();
}

void TurnView::on_model_event(klaude_event_type_t type, std::string_view data) {
    switch (type) {
        case KLAUDE_EVENT_TEXT_DELTA:
            end_reasoning();
            screen_.write(data);
            break;
        case KLAUDE_EVENT_REASONING_DELTA:
            if (!in_reasoning_) {
                end_line();
                std::string dim;
                theme().set(dim, theme().style(Role::kDim));
                screen_.write(dim);
                in_reasoning_ = true;
            }
            screen_.write(data);
            break;
        case KLAUDE_EVENT_REASONING_BREAK:
            if (in_reasoning_) {
                end_line();
                screen_.write("\n");
            }
            break;
        case KLAUDE_EVENT_USAGE: {
            const Usage usage = Usage::from_json(data);
            turn_usage_ += usage;
            session_usage_ += usage;
            break;
        }
        case KLAUDE_EVENT_FLUSH:
            screen_.flush();
            break;
        default:
            break;
    }
}

void TurnView::on_tool_call(const ToolCall& call) {
    end_reasoning();
    end_line();
    // Flushed now: an approval prompt (on stderr) may follow before the result.
    screen_.write(theme().paint(Role::kTool, ">") + " " + summarize_tool_call(tools_, call) + "\n");
    screen_.flush();
}

void TurnView::on_tool_result(const ToolCall& call, const agent::ToolResult& result) {
    (void)call;
    screen_.write(theme().paint(Role::kDim, "  " + describe_tool_result(result)) + "\n");
    screen_.flush();
}

}  // namespace klaude::core::tui
