// One configuration document (the embedded default or the user's config.json) as parsed and
// validated, before merging. Every field remembers whether the document set it, because a
// user entry with the id of a default entry only overlays the fields it names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.h"

namespace klaude::core {

// A string field an overlay may set, or clear with JSON null.
struct StringField {
    bool present = false;              // the document names the key
    std::optional<std::string> value;  // nullopt when it was null (clears the field)
};

struct ProviderLayer {
    std::string path;  // JSON path for messages, e.g. "providers[1]"
    std::string id;
    std::optional<std::string> protocol;
    StringField base_url;
    StringField base_url_env;
    StringField api_key_env;
    // Key by key over the base; a nullopt value (JSON null) removes the key.
    std::map<std::string, std::optional<std::string>> headers;
    std::string options = "{}";       // JSON object text, merged key by key, null removes
    std::optional<bool> list_models;  // ask the server for its models (core/catalog)
};

struct ModelLayer {
    std::string path;  // e.g. "models[0]"
    std::string name;
    std::optional<std::string> provider;
    std::optional<std::string> model_id;
    StringField reasoning_effort;
    StringField reasoning_summary;
    StringField verbosity;
    StringField instructions;
    bool context_window_present = false;
    std::optional<uint64_t> context_window;
    bool max_output_tokens_present = false;
    std::optional<uint64_t> max_output_tokens;
};

struct ConfigLayer {
    std::string source;  // file name (or "embedded default config") for messages
    std::vector<ProviderLayer> providers;
    std::vector<ModelLayer> models;
    std::optional<std::string> default_model;
    std::optional<uint64_t> catalog_ttl_s;       // model catalogs: refresh when older
    std::optional<uint64_t> catalog_timeout_ms;  // model catalogs: longest wait for a server
    // "mcp_servers": a server of the user config replaces a default one of the same name whole.
    std::vector<McpServerConfig> mcp_servers;
};

// Parses JSON with comments and trailing commas. Throws ConfigError, one line:
//   "<source>:<line>:<column>: invalid JSON: <reason>"  or
//   "<source>: <json path>: expected <what>".
// Unknown keys and unusual values are not errors: a line for each goes to `warnings`.
ConfigLayer parse_config_layer(std::string_view text, const std::string& source,
                               std::vector<std::string>& warnings);

}  // namespace klaude::core
