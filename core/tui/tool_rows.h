// The rows the interactive session prints under a tool call once it has run: a shell command's
// output excerpt and exit status, "+N -M path" per edited file, a denial or error in red, and
// for everything else the one dim status line of describe_tool_result.
#pragma once

#include <string>

#include "core/agent/tools/tool.h"
#include "core/tui/theme.h"

namespace klaude::core::tui {

// Every row ends in '\n'. `columns`: the terminal width (long output lines are cut to it).
std::string render_tool_result(const agent::ToolResult& result, const Theme& theme, bool unicode,
                               int columns);

}  // namespace klaude::core::tui
