// Short texts about a turn, shared by the front ends (`klaude exec` and the interactive
// session): a tool call in one line, its result in one line, token usage, byte sizes.
#pragma once

#include <cstddef>
#include <string>

#include "core/agent/agent_loop.h"
#include "core/agent/tools/tool_registry.h"
#include "core/agent/usage.h"

namespace klaude::core {

// "ok, 41 bytes", "denied", "exit 2, 1.5 KB", "error, 80 bytes: write_file: ..." — the result
// line of a tool call, without indentation.
std::string describe_tool_result(const agent::ToolResult& result);
// "41 bytes", "1.5 KB", "3.2 MB".
std::string format_size(std::size_t bytes);
// "1200 in (800 cached), 56 out (12 reasoning), 1256 total"
std::string describe_usage(const Usage& usage);
// "write_file notes.txt": the tool's own summary for known tools, else the name and the
// first string argument.
std::string summarize_tool_call(const agent::ToolRegistry& tools, const ToolCall& call);

}  // namespace klaude::core
