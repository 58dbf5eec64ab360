// What the interactive session shows of a shell command's output: its first and last few
// lines (the whole output still goes to the model). Most of what a command prints that matters
// (what it started doing, how it ended, the error) is at one end or the other.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/agent/tools/tool.h"
#include "core/tui/theme.h"

namespace klaude::core::tui {

struct CommandExcerpt {
    std::vector<std::string> head;
    std::vector<std::string> tail;  // empty unless lines were left out
    std::size_t omitted = 0;        // lines between head and tail
};

// The lines of `output` (CRLF and a final newline taken off; of a line redrawn with '\r', as a
// progress bar does, only what a terminal would show last): all of them when there are at most
// head + tail, else the first `head` and the last `tail`.
CommandExcerpt command_excerpt(std::string_view output, std::size_t head = 4, std::size_t tail = 4);

// The rows under a shell call: the excerpt dimmed behind "  │ " with "  … N more lines" between
// head and tail, each row cut to `columns`, then the status: "exit 0" green, "exit 2" red, or
// timed out / cancelled in red.
std::string render_command_result(const agent::ToolResult& result, const Theme& theme, bool unicode,
                                  int columns);

}  // namespace klaude::core::tui
