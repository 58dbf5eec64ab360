// A tools/call result as the text the model sees (docs/mcp.md): text content joined, resource
// links as lines, images and audio as a short placeholder (images the model APIs take are also
// kept in ToolResult::images, for a model that accepts images), structuredContent as JSON when
// there is no text; isError makes it a tool error. Bounded like the built-in tools' outputs.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/agent/tools/tool.h"

namespace klaude::core::mcp {

// `result_json`: the JSON-RPC result of tools/call. Keeps at most `cap` bytes (head and tail).
agent::ToolResult convert_call_result(std::string_view result_json, std::size_t cap);

}  // namespace klaude::core::mcp
