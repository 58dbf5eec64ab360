#include "core/tui/turn_view.h"

namespace klaude::core::tui {

TurnView::TurnView(std::FILE* out, bool styled, const agent::ToolRegistry& tools)
    : out_(out), styled_(styled), tools_(tools) {}

void TurnView::begin_turn() {
    turn_usage_ = Usage{};
    in_reasoning_ = false;
    last_char_ = '\n';
}

void TurnView::end_turn() {
    end_reasoning();
    end_line();
    std::fflush(out_);
}

void TurnView::write(std::string_view text) {
    if (text.empty()) {
        return;
    }
    std::fwrite(text.data(), 1, text.size(), out_);
    last_char_ = text.back();
}

void TurnView::end_line() {
    if (last_char_ != '\n') {
        write("\n");
    }
}

void TurnView::end_reasoning() {
    if (in_reasoning_) {
        std::fputs(reset(), out_);
        end_line();
        in_reasoning_ = false;
    }
}

void TurnView::note(const std::string& text) {
    end_reasoning();
    end_line();
    std::fprintf(out_, "%s%s%s\n", dim(), text.c_str(), reset());
    last_char_ = '\n';
    std::fflush(out_);
}

void TurnView::on_model_event(klaude_event_type_t type, std::string_view data) {
    switch (type) {
        case KLAUDE_EVENT_TEXT_DELTA:
            end_reasoning();
            write(data);
            break;
        case KLAUDE_EVENT_REASONING_DELTA:
            if (!in_reasoning_) {
                end_line();
                std::fputs(dim(), out_);
                in_reasoning_ = true;
            }
            write(data);
            break;
        case KLAUDE_EVENT_REASONING_BREAK:
            if (in_reasoning_) {
                end_line();
                write("\n");
            }
            break;
        case KLAUDE_EVENT_USAGE: {
            const Usage usage = Usage::from_json(data);
            turn_usage_ += usage;
            session_usage_ += usage;
            break;
        }
        case KLAUDE_EVENT_FLUSH:
            std::fflush(out_);
            break;
        default:
            break;
    }
}

void TurnView::on_tool_call(const ToolCall& call) {
    end_reasoning();
    end_line();
    // Flushed now: an approval prompt (on stderr) may follow before the result.
    std::fprintf(out_, "%s>%s %s\n", bold(), reset(), summarize_tool_call(tools_, call).c_str());
    last_char_ = '\n';
    std::fflush(out_);
}

void TurnView::on_tool_result(const ToolCall& call, const agent::ToolResult& result) {
    (void)call;
    std::fprintf(out_, "%s  %s%s\n", dim(), describe_tool_result(result).c_str(), reset());
    last_char_ = '\n';
    std::fflush(out_);
}

}  // namespace klaude::core::tui
