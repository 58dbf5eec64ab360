#include "core/agent/turn_text.h"

#include <cstdio>

#include <rapidjson/document.h>

namespace klaude::core {

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
    if (!args.Parse<rapidjson::kParseIterativeFlag>(call.arguments.c_str()).HasParseError() &&
        args.IsObject()) {
        for (const auto& member : args.GetObject()) {
            if (member.value.IsString()) {
                return call.name + " " + one_line(member.value.GetString(), 80);
            }
        }
    }
    return call.name;
}

}  // namespace klaude::core
