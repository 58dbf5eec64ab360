// Small text helpers shared by the tools: everything a tool returns goes into a JSON string for
// the model, so it must be valid UTF-8, and binary data must be recognised rather than dumped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace klaude::core::agent {

// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view text);

// True if `sample` (the start of a file) looks binary: it has a NUL byte, or is mostly not
// UTF-8 text.
bool looks_binary(std::string_view sample);

// The largest n <= `limit` such that text[0, n) does not end inside a UTF-8 sequence.
std::size_t utf8_floor(std::string_view text, std::size_t limit);

// `line` cut to `max_chars` bytes (on a UTF-8 boundary) with a marker saying it was cut.
std::string clip_line(std::string_view line, std::size_t max_chars);

// Lines of `text` without their terminators ("\n", and a "\r" before it). A final line without
// "\n" counts; a trailing "\n" does not start another line.
std::vector<std::string> split_lines(std::string_view text);

}  // namespace klaude::core::agent
