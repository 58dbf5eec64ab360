// The two JSON chores every MCP file does: a value as compact text, and a string member read
// leniently (missing, mistyped, or asked of a non-object: "").
#pragma once

#include <string>

#include <rapidjson/document.h>

namespace klaude::core::mcp {

std::string to_text(const rapidjson::Value& value);
std::string string_member(const rapidjson::Value& value, const char* name);

}  // namespace klaude::core::mcp
