// Small typed reads from RapidJSON values (missing or mistyped fields read as empty), and
// serialisation. Shared by the token files and the OAuth responses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <rapidjson/document.h>

namespace klaude::codex {

// The string member `name` of `object`, or "" when absent or not a string.
std::string json_string(const rapidjson::Value& object, const char* name);

// The integer member `name` (integral numbers, or strings of digits, since some servers quote
// numbers; a fraction is cut off), or nullopt, also when it does not fit in an int64.
std::optional<int64_t> json_int(const rapidjson::Value& object, const char* name);

// The object member `name`, or nullptr.
const rapidjson::Value* json_object(const rapidjson::Value& object, const char* name);

std::string json_serialize(const rapidjson::Value& value, bool pretty = false);

}  // namespace klaude::codex
