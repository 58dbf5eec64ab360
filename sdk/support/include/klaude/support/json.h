// The few JSON helpers every provider plugin writes, on RapidJSON (the JSON library klaude and
// its plugins use: header-only, Debian package rapidjson-dev). Requests and events at the ABI
// are JSON text; a plugin parses the request, writes its API's body, parses each streamed
// event and writes the klaude event payloads.
//
// Readers are lenient on purpose: a member that is missing, null, of another type, or looked up
// in a value that is not an object reads as absent. APIs add fields and change shapes over time; a
// plugin ignores what it does not understand rather than failing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::support::json {

using Value = rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Parses `text` (need not be NUL-terminated) without recursion, so a deeply nested document
// cannot exhaust the stack. False on a syntax error.
bool parse(std::string_view text, rapidjson::Document& doc);

// Member `name` of `object`, or nullptr (also when it is null or `object` is not an object).
const Value* field(const Value& object, const char* name);
// The member when it is an object / an array, else nullptr.
const Value* object_field(const Value& object, const char* name);
const Value* array_field(const Value& object, const char* name);
// The member's text when it is a string, else "". The view points into `object`.
std::string_view string_field(const Value& object, const char* name);
// The member when it is an integer (or a double with an integral value), else nullopt.
std::optional<int64_t> int_field(const Value& object, const char* name);
// The member when it is a boolean, else `fallback`.
bool bool_field(const Value& object, const char* name, bool fallback);

// Writes `text` as a JSON string (escaped).
void write_string(Writer& w, std::string_view text);
// Writes `key` and then `text` as a string member.
void write_member(Writer& w, const char* key, std::string_view text);
// `value` as compact JSON text.
std::string serialize(const Value& value);

// True when `text` is strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF; a
// split multi-byte character is not valid). Check server text before passing it on: the
// parser copies raw bytes unchecked and encodes a lone \udc80 escape as a surrogate.
bool valid_utf8(std::string_view text);

}  // namespace klaude::support::json
