#include "core/tui/tool_rows.h"

#include "core/agent/turn_text.h"
#include "core/tui/command_excerpt.h"
#include "core/tui/diff_view.h"
#include "core/tui/text_width.h"

namespace klaude::core::tui {

namespace {

std::string first_line(const std::string& text, bool unicode, int columns) {
    std::string line;
    append_visible(line, text.substr(0, text.find('\n')), unicode);
    return clip_to_width(line, columns > 8 ? columns - 2 : 6, unicode);
}

bool ran_a_command(const agent::ToolResult& result) {
    return result.exit_code.has_value() || result.timed_out || !result.command_output.empty();
}

}  // namespace

std::string render_tool_result(const agent::ToolResult& result, const Theme& theme, bool unicode,
                               int columns) {
    if (result.denied) {
        // "denied by user", or with the user's reason: what the model was told.
        return theme.paint(Role::kError, "  " + first_line(result.output, unicode, columns)) + "\n";
    }
    if (ran_a_command(result)) {
        return render_command_result(result, theme, unicode, columns);
    }
    if (!result.edits.empty()) {
        std::string out;
        for (const agent::FileEdit& edit : result.edits) {
            out += "  " + edit_summary(edit, theme) + "\n";
        }
        return out;
    }
    if (result.is_error) {
        return theme.paint(Role::kError, "  " + first_line(result.output, unicode, columns)) + "\n";
    }
    return theme.paint(Role::kDim, "  " + describe_tool_result(result)) + "\n";
}

}  // namespace klaude::core::tui
