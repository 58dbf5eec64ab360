// `klaude mcp add` and `klaude mcp remove`: one server added to or removed from "mcp_servers" in
// the user's config file, everything else in the file (comments included) kept as it was.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace klaude::core {

struct McpServerEntry {
    std::string name;
    std::vector<std::string> command;  // stdio
    std::map<std::string, std::string> env;
    std::optional<std::string> cwd;
    std::optional<std::string> url;  // Streamable HTTP
    std::map<std::string, std::string> headers;
    std::optional<std::string> bearer_token_env;
};

// The entry as config.json holds it: {"command": [...], "env": {...}, ...}.
std::string to_config_json(const McpServerEntry& entry);

// Adds `entry` under "mcp_servers" in `file` (created, 0600, when absent). The file must parse
// before and after; it is replaced atomically. Throws ConfigError (one line, naming the file)
// when it does not parse, the name is taken, or the edit cannot be made; the file is then
// untouched.
void add_mcp_server(const std::filesystem::path& file, const McpServerEntry& entry);

// Removes server `name` from "mcp_servers" in `file`, as above; a name that is not in the file
// is an error.
void remove_mcp_server(const std::filesystem::path& file, const std::string& name);

}  // namespace klaude::core
