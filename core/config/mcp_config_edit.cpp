#include "core/config/mcp_config_edit.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <sstream>

#include "core/config/config.h"
#include "core/config/config_layer.h"
#include "core/config/jsonc_edit.h"
#include "core/config/klaude_home.h"

namespace klaude::core {

namespace {

const JsoncPath kServers = {"mcp_servers"};

// The file's text; "{}" for a file that does not exist yet.
std::string read_config(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        return "{}\n";
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw ConfigError(file.string() + ": cannot read it; check its permissions");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Throws when `text` is not a config the loader accepts, saying `when`.
ConfigLayer check(const std::string& text, const std::filesystem::path& file,
                  const std::string& when) {
    std::vector<std::string> warnings;
    try {
        return parse_config_layer(text, file.string(), warnings);
    } catch (const ConfigError& e) {
        throw ConfigError(std::string(e.what()) + when);
    }
}

void write_string_map(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* key,
                      const std::map<std::string, std::string>& values) {
    if (values.empty()) {
        return;
    }
    w.Key(key);
    w.StartObject();
    for (const auto& [name, value] : values) {
        w.Key(name.c_str(), static_cast<rapidjson::SizeType>(name.size()));
        w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
    }
    w.EndObject();
}

}  // namespace

std::string to_config_json(const McpServerEntry& entry) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    if (entry.url) {
        w.Key("url");
        w.String(entry.url->c_str());
        write_string_map(w, "headers", entry.headers);
        if (entry.bearer_token_env) {
            w.Key("bearer_token_env");
            w.String(entry.bearer_token_env->c_str());
        }
    } else {
        w.Key("command");
        w.StartArray();
        for (const std::string& arg : entry.command) {
            w.String(arg.c_str(), static_cast<rapidjson::SizeType>(arg.size()));
        }
        w.EndArray();
        write_string_map(w, "env", entry.env);
        if (entry.cwd) {
            w.Key("cwd");
            w.String(entry.cwd->c_str());
        }
    }
    w.EndObject();
    return buffer.GetString();
}

void add_mcp_server(const std::filesystem::path& file, const McpServerEntry& entry) {
    const std::string before = read_config(file);
    check(before, file, "; fix the file first (nothing was changed)");
    std::string after;
    try {
        if (jsonc_has_member(before, kServers, entry.name)) {
            throw ConfigError(file.string() + ": an MCP server named '" + entry.name +
                              "' is already configured; remove it first: klaude mcp remove " +
                              entry.name);
        }
        after = jsonc_add_member(before, kServers, entry.name, to_config_json(entry));
    } catch (const JsoncEditError& e) {
        throw ConfigError(file.string() + ": cannot add the server: " + e.what() +
                          "; edit \"mcp_servers\" by hand (docs/mcp.md)");
    }
    const ConfigLayer layer = check(after, file, " (after adding the server: nothing was changed)");
    bool added = false;
    for (const McpServerConfig& server : layer.mcp_servers) {
        added = added || server.name == entry.name;
    }
    if (!added) {
        throw ConfigError(file.string() +
                          ": the added server did not read back; nothing was "
                          "changed: edit \"mcp_servers\" by hand (docs/mcp.md)");
    }
    write_private_file(file, after);
}

void remove_mcp_server(const std::filesystem::path& file, const std::string& name) {
    const std::string before = read_config(file);
    check(before, file, "; fix the file first (nothing was changed)");
    std::string after;
    try {
        if (!jsonc_has_member(before, kServers, name)) {
            throw ConfigError(file.string() + ": no MCP server named '" + name +
                              "' is configured there ('klaude mcp list' shows them)");
        }
        after = jsonc_remove_member(before, kServers, name);
    } catch (const JsoncEditError& e) {
        throw ConfigError(file.string() + ": cannot remove the server: " + e.what() +
                          "; edit \"mcp_servers\" by hand (docs/mcp.md)");
    }
    const ConfigLayer layer =
        check(after, file, " (after removing the server: nothing was changed)");
    for (const McpServerConfig& server : layer.mcp_servers) {
        if (server.name == name) {
            throw ConfigError(file.string() + ": '" + name +
                              "' is still there after removing it; edit the file by hand");
        }
    }
    write_private_file(file, after);
}

}  // namespace klaude::core
