#include "core/tui/command_excerpt.h"

#include "core/tui/text_width.h"

namespace klaude::core::tui {

namespace {

// What a terminal shows of one line: the text after its last carriage return.
std::string_view as_shown(std::string_view line) {
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    const std::size_t cr = line.rfind('\r');
    return cr == std::string_view::npos ? line : line.substr(cr + 1);
}

std::size_t count_lines(std::string_view output) {
    std::size_t lines = 0;
    for (char c : output) {
        lines += c == '\n' ? 1 : 0;
    }
    return lines + (!output.empty() && output.back() != '\n' ? 1 : 0);
}

// The [first, last) line range of `output` as strings, found without splitting all of it (an
// output can be 32 KiB of short lines).
std::vector<std::string> lines_between(std::string_view output, std::size_t first,
                                       std::size_t last) {
    std::vector<std::string> out;
    std::size_t index = 0;
    std::size_t start = 0;
    while (start < output.size() && index < last) {
        std::size_t end = output.find('\n', start);
        if (end == std::string_view::npos) {
            end = output.size();
        }
        if (index >= first) {
            out.emplace_back(as_shown(output.substr(start, end - start)));
        }
        ++index;
        start = end + 1;
    }
    return out;
}

std::string status_of(const agent::ToolResult& result, const Theme& theme) {
    if (result.timed_out) {
        return theme.paint(Role::kError, "timed out");
    }
    if (result.cancelled) {
        return theme.paint(Role::kError, "cancelled");
    }
    if (result.exit_code) {
        return theme.paint(*result.exit_code == 0 ? Role::kOk : Role::kError,
                           "exit " + std::to_string(*result.exit_code));
    }
    return theme.paint(result.is_error ? Role::kError : Role::kOk,
                       result.is_error ? "failed" : "done");
}

}  // namespace

CommandExcerpt command_excerpt(std::string_view output, std::size_t head, std::size_t tail) {
    CommandExcerpt excerpt;
    const std::size_t total = count_lines(output);
    if (total <= head + tail) {
        excerpt.head = lines_between(output, 0, total);
        return excerpt;
    }
    excerpt.head = lines_between(output, 0, head);
    excerpt.tail = lines_between(output, total - tail, total);
    excerpt.omitted = total - head - tail;
    return excerpt;
}

std::string render_command_result(const agent::ToolResult& result, const Theme& theme, bool unicode,
                                  int columns) {
    const std::string bar = unicode ? "  │ " : "  | ";
    const int width = columns > 8 ? columns - 4 : 4;
    std::string out;
    auto add_row = [&](const std::string& line) {
        std::string text;
        append_visible(text, line, unicode);
        theme.paint(out, Role::kDim, bar + clip_to_width(text, width, unicode));
        out += '\n';
    };
    const CommandExcerpt excerpt = command_excerpt(result.command_output);
    for (const std::string& line : excerpt.head) {
        add_row(line);
    }
    if (excerpt.omitted > 0 || result.omitted_bytes > 0) {
        std::string marker = std::string(unicode ? "  … " : "  ... ") +
                             std::to_string(excerpt.omitted) + " more lines";
        if (result.omitted_bytes > 0) {
            // The shell tool itself kept only the start and end of a very long output.
            marker += " (and " + std::to_string(result.omitted_bytes) + " bytes cut)";
        }
        theme.paint(out, Role::kDim, marker);
        out += '\n';
    }
    for (const std::string& line : excerpt.tail) {
        add_row(line);
    }
    out += "  " + status_of(result, theme) + "\n";
    return out;
}

}  // namespace klaude::core::tui
