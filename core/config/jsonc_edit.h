// Edits of a JSON-with-comments text (the config file) that keep every other byte as it was:
// the user's comments, order, indentation and trailing commas survive `klaude mcp add` and
// `klaude mcp remove`. RapidJSON can parse comments but not write them back, hence this small
// scanner; the text must already be valid (callers parse it with the config loader first).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace klaude::core {

struct JsoncEditError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A path of object keys from the top-level object: {"mcp_servers"} is its "mcp_servers" member.
using JsoncPath = std::vector<std::string>;

// True when the object at `path` has a member `key`. False when any object on the way is absent;
// throws JsoncEditError when a step is not an object.
bool jsonc_has_member(std::string_view text, const JsoncPath& path, const std::string& key);

// Adds `key` with `value_json` (any JSON; printed with two-space indentation, re-indented to
// the member's depth) as the last member of the object at `path`, creating the objects on the
// way when absent. Throws JsoncEditError when `key` is already there or a step is not an object.
std::string jsonc_add_member(std::string_view text, const JsoncPath& path, const std::string& key,
                             const std::string& value_json);

// Removes member `key` of the object at `path` with its comma and, when it stood on lines of its
// own, those lines. Comments before it are kept. Throws JsoncEditError when it is absent.
std::string jsonc_remove_member(std::string_view text, const JsoncPath& path,
                                const std::string& key);

}  // namespace klaude::core
