#include "core/tui/turn_view.h"

#include "core/tui/tool_rows.h"

namespace klaude::core::tui {

TurnView::TurnView(Screen& screen, const agent::ToolRegistry& tools)
    : screen_(screen), tools_(tools) {
    if (screen.caps().tty) {
        auto columns = [&screen] { return screen.columns(); };
        auto write = [&screen](std::string_view row) { screen.write(row); };
        text_ = std::make_unique<MarkdownStream>(screen.theme(), screen.caps(), columns, write);
        reasoning_ = std::make_unique<MarkdownStream>(screen.theme(), screen.caps(), columns, write,
                                                      screen.theme().style(Role::kDim));
    }
}

void TurnView::finish_text() {
    if (text_) {
        text_->finish();
    }
}

void TurnView::begin_turn() {
    turn_usage_ = Usage{};
    last_call_usage_ = Usage{};
    in_reasoning_ = false;
    show_waiting("waiting for the model");
}

void TurnView::end_turn() {
    hide_waiting();
    finish_text();
    end_reasoning();
    end_line();
    screen_.flush();
}

void TurnView::show_waiting(const std::string& label) {
    if (spinner_ != nullptr) {
        spinner_->show(label);
    }
}

void TurnView::hide_waiting() {
    if (spinner_ != nullptr) {
        spinner_->hide();
    }
}

void TurnView::end_line() {
    screen_.end_line();
}

void TurnView::end_reasoning() {
    if (in_reasoning_) {
        if (reasoning_) {
            reasoning_->finish();
        } else {
            std::string reset;
            theme().reset(reset);
            screen_.write(reset);
        }
        end_line();
        in_reasoning_ = false;
    }
}

void TurnView::note(const std::string& text) {
    finish_text();
    end_reasoning();
    end_line();
    screen_.write(theme().paint(Role::kDim, text) + "\n");
    screen_.flush();
}

void TurnView::on_model_event(klaude_event_type_t type, std::string_view data) {
    switch (type) {
        case KLAUDE_EVENT_TEXT_DELTA:
            hide_waiting();
            end_reasoning();
            if (text_) {
                text_->feed(data);
            } else {
                screen_.write(data);
            }
            break;
        case KLAUDE_EVENT_REASONING_DELTA:
            hide_waiting();
            if (!in_reasoning_) {
                finish_text();
                end_line();
                if (!reasoning_) {
                    std::string dim;
                    theme().set(dim, theme().style(Role::kDim));
                    screen_.write(dim);
                }
                in_reasoning_ = true;
            }
            if (reasoning_) {
                reasoning_->feed(data);
            } else {
                screen_.write(data);
            }
            break;
        case KLAUDE_EVENT_REASONING_BREAK:
            if (in_reasoning_) {
                if (reasoning_) {
                    reasoning_->finish();
                }
                end_line();
                screen_.write("\n");
            }
            break;
        case KLAUDE_EVENT_USAGE: {
            const Usage usage = Usage::from_json(data);
            turn_usage_ += usage;
            session_usage_ += usage;
            last_call_usage_ = usage;
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
    finish_text();
    end_reasoning();
    end_line();
    // Flushed now: an approval prompt (on stderr) may follow before the result.
    screen_.write(theme().paint(Role::kTool, ">") + " " + summarize_tool_call(tools_, call) + "\n");
    screen_.flush();
    show_waiting(tool_spinner_label(call.name, call.arguments));
}

void TurnView::on_tool_progress(const agent::ToolProgress& progress) {
    if (spinner_ != nullptr) {
        spinner_->set_detail(tool_progress_text(progress, screen_.caps().unicode));
    }
}

void TurnView::on_tool_result(const ToolCall& call, const agent::ToolResult& result) {
    (void)call;
    hide_waiting();
    if (screen_.caps().tty) {
        // A terminal gets the output excerpt, the edits' +N -M rows, errors in red.
        screen_.write(
            render_tool_result(result, theme(), screen_.caps().unicode, screen_.columns()));
    } else {
        screen_.write(theme().paint(Role::kDim, "  " + describe_tool_result(result)) + "\n");
    }
    screen_.flush();
    show_waiting("waiting for the model");
}

}  // namespace klaude::core::tui
