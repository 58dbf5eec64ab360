// Loading the configuration: the embedded default, with the user's $KLAUDE_HOME/config.json
// (JSON with comments and trailing commas) merged over it BY ID:
//   - a provider whose "id" (a model whose "name") matches a default one overlays the fields
//     it names: strings replace (null clears), "headers" and "options" merge key by key (a
//     null value removes the key); new ids are added after the defaults, in file order;
//   - "default_model" replaces the default one.
// Precedence of the whole: command line > environment > user config > embedded default.
// The loader does the last two; the environment and the command line come on top through
//   - for the model: choose_model_spec(-m value) (model_resolution.h), which falls back to
//     $KLAUDE_MODEL, then to default_model;
//   - for endpoints and keys: base_url_env / api_key_env, read by the plugin at call time
//     ($OPENAI_BASE_URL beats base_url), so the host never copies a secret.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.h"

namespace klaude::core {

struct LoadedConfig {
    Config config;
    std::filesystem::path path;         // the user config file looked at
    bool file_found = false;            // false: the embedded default applies alone
    std::vector<std::string> warnings;  // unknown keys, unusual values: one line each
};

// <home>/config.json
std::filesystem::path config_path(const std::filesystem::path& home);

// The embedded default config alone.
Config default_config();

// Embedded default merged with `text` (the contents of a user config named `source` in
// messages). Throws ConfigError.
Config load_config_text(std::string_view text, const std::string& source,
                        std::vector<std::string>& warnings);

// Embedded default merged with `file` when it exists. A missing file is not an error; an
// unreadable or invalid one throws ConfigError naming it.
LoadedConfig load_config_file(const std::filesystem::path& file);

// load_config_file(config_path(home)).
LoadedConfig load_config(const std::filesystem::path& home);

}  // namespace klaude::core
