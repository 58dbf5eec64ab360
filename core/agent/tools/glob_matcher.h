// Shell-style globs over '/'-separated relative paths, for the glob tool and grep's `include`
// filter: `*` (any run of characters within one name), `?` (one character), `[abc]`, `[a-z]`,
// `[!x]`, and `**` as a whole segment for zero or more directories ("**/*.cpp").
#pragma once

#include <string_view>

namespace klaude::core::agent {

// True if one path segment `name` matches the segment pattern `pattern` (no '/').
bool glob_match_segment(std::string_view pattern, std::string_view name);

// True if `relative_path` ("src/a/b.cpp") matches `pattern` ("src/**/*.cpp"). A leading "./"
// in either is ignored.
bool glob_match_path(std::string_view pattern, std::string_view relative_path);

}  // namespace klaude::core::agent
