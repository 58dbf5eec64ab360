// The names MCP tools get in klaude: mcp__<server>__<tool>, made of [A-Za-z0-9_-] and at most 64
// characters (what the model APIs accept for a function name).
#pragma once

#include <string>
#include <string_view>

namespace klaude::core::mcp {

constexpr std::size_t kMaxToolNameChars = 64;

// Characters outside [A-Za-z0-9_-] become '_'. A longer name is cut and ends in '_' plus 8 hex
// digits of a hash of the uncut one, so it stays stable and distinct.
std::string mcp_tool_name(std::string_view server, std::string_view tool);

}  // namespace klaude::core::mcp
