#include "core/tui/turn_view.h"

#include <rapidjson/document.h>

#include "core/agent/tools/default_tools.h"

namespace klaude::core::tui {

namespace {

// One line of at most `max` bytes, cut at a UTF-8 character boundary.
std::string one_line(std::string text, std::size_t max) {
    text = text.substr(0, text.find('\n'));
    for (char& c : text) {
        if (c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    if (text.size() > max) {
        std::size_t cut = max;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        text = text.substr(0, cut) + "...";
    }
    return text;
}

}  // namespace

std::string format_size(std::size_t bytes) {
    if (bytes < 1024) {
        return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    }
    const char* unit = "KB";
    double value = static_cast<double>(bytes) / 1024.0;
    if (value >= 1024.0) {
        value /= 1024.0;
        unit = "MB";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", value, unit);
    return text;
}

std::string describe_tool_result(const agent::ToolResult& result) {
    std::string status = result.denied      ? "denied"
                         : result.timed_out ? "timed out"
                         : result.cancelled ? "cancelled"
                         : result.is_error  ? "error"
                                            : "ok";
    if (result.exit_code) {
        status =
            (status == "ok" ? "" : status + ", ") + "exit " + std::to_string(*result.exit_code);
    }
    if (result.denied) {
        return status;
    }
    std::string line = status + ", " + format_size(result.output.size());
    if (result.is_error && !result.output.empty()) {
        line += ": " + one_line(result.output, 100);
    }
    return line;
}

std::string describe_usage(const Usage& usage) {
    return std::to_string(usage.input_tokens) + " in (" +
           std::to_string(usage.cached_input_tokens) + " cached), " +
           std::to_string(usage.output_tokens) + " out (" + std::to_string(usage.reasoning_tokens) +
           " reasoning), " + std::to_string(usage.total_tokens) + " total";
}

std::string summarize_tool_call(const agent::ToolRegistry& tools, const ToolCall& call) {
    if (const agent::Tool* tool = tools.find(call.name)) {
        return tool->summarize_call(call.arguments);
    }
    rapidjson::Document args;
    if (!args.Parse<rapidjson::kParseIterativeFlag>(call.arguments.c_str()).HasParseError() && args.IsObject()) {
        for (const auto& member : args.GetObject()) {
            if (member.value.IsString()) {
                return call.name + " " + one_line(member.value.GetString(), 80);
            }
        }
    }
    return call.name;
}

TurnView::TurnView(std::FILE* out, bool styled) : out_(out), styled_(styled) {
    agent::add_default_tools(tools_);
}

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
