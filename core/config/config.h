// The host's configuration model: configured providers (each one a plugin provider, named by
// `protocol`, pointed at an endpoint with credentials) and named models on them.
//
// Names: a plugin provider has an id ("responses", "codex"); a config provider has its own id
// ("openai", "codex") and names the plugin provider it uses as its `protocol`. `-m
// PROVIDER/MODEL_ID` and `klaude auth ... <provider>` take the CONFIG provider id.
//
// Where values come from (config_loader.h): embedded default < user config.json (merged by
// id) < environment < command line.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace klaude::core {

// Invalid configuration or a model/provider that cannot be resolved; what() is one line naming
// the file and JSON path (or the name) and what was expected.
class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct ProviderConfig {
    std::string id;        // config provider id, e.g. "openai"; what `-m openai/...` names
    std::string protocol;  // the plugin provider id that implements it, e.g. "responses"
    std::optional<std::string> base_url;
    // Environment variable that, when set and not empty, overrides base_url (the plugin
    // applies it: environment beats config).
    std::optional<std::string> base_url_env;
    // Environment variable holding the API key. The key itself is never stored in config.
    std::optional<std::string> api_key_env;
    std::map<std::string, std::string> headers;  // extra / overriding HTTP headers
    std::string options = "{}";                  // provider-specific options, a JSON object
    // Made by add_implicit_provider for a plugin provider no config entry names.
    bool implicit = false;
    // Ask the server for its models (core/catalog). false: the cache or the plugin's list
    // only, for a server whose models list is broken, slow or not wanted.
    bool list_models = true;
};

struct ModelConfig {
    std::string name;                              // what `-m NAME` and default_model refer to
    std::string provider;                          // config provider id
    std::string model_id;                          // the id sent to the provider
    std::optional<std::string> reasoning_effort;   // none|minimal|low|medium|high|xhigh
    std::optional<std::string> reasoning_summary;  // auto|concise|detailed|none
    std::optional<std::string> verbosity;          // low|medium|high
    std::optional<uint64_t> context_window;        // input tokens the model accepts
    std::optional<uint64_t> max_output_tokens;
    // System prompt for this model, replacing the default one (the Codex backend has at times
    // accepted only its official prompt).
    std::optional<std::string> instructions;
    bool implicit = false;  // offered by an implicit provider's plugin descriptor
};

// An MCP server (core/mcp, docs/mcp.md): "mcp_servers": {"NAME": {...}} in config.json.
struct McpServerConfig {
    std::string name;  // [A-Za-z0-9_-]+: part of the tool names mcp__NAME__TOOL
    // stdio: the program and its arguments, started without a shell.
    std::vector<std::string> command;
    std::map<std::string, std::string> env;  // added to klaude's environment for the server
    std::optional<std::string> cwd;          // default: klaude's working directory
    // Streamable HTTP (core/mcp/http_transport.h): the endpoint, extra headers, and the
    // environment variable holding a bearer token.
    std::optional<std::string> url;
    std::map<std::string, std::string> headers;
    std::optional<std::string> bearer_token_env;
    bool enabled = true;
    uint64_t startup_timeout_s = 10;  // spawn + initialize + tools/list
    uint64_t tool_timeout_s = 60;     // one tools/call
    // Only these tools (when set), minus disabled_tools; names as the server lists them.
    std::optional<std::vector<std::string>> enabled_tools;
    std::vector<std::string> disabled_tools;

    bool is_stdio() const { return !command.empty(); }
};

struct Config {
    std::vector<ProviderConfig> providers;  // in file order, embedded default first
    std::vector<ModelConfig> models;
    // A model name, PROVIDER/MODEL_ID, or a configured PROVIDER alone: the first listed model
    // of its catalog (core/catalog).
    std::string default_model;
    // Model catalogs (core/catalog): a cached catalog older than this is fetched again when a
    // command needs it (the Codex CLI refreshes after 5 minutes too) ...
    uint64_t catalog_ttl_s = 300;
    // ... waiting at most this long for the server before using the cache or the plugin's list.
    uint64_t catalog_timeout_ms = 5000;
    // MCP servers whose tools the agent gets, in file order.
    std::vector<McpServerConfig> mcp_servers;

    const ProviderConfig* find_provider(const std::string& id) const;
    const ModelConfig* find_model(const std::string& name) const;
};

// The configured provider as the JSON object create_client / create_auth receive
// (sdk/include/klaude/abi/provider.h):
//   {"id","protocol","base_url","base_url_env","api_key_env","headers":{},"options":{}}
// Unset optional fields are omitted; headers and options are always present.
std::string to_plugin_json(const ProviderConfig& provider);

// The base URL the plugin will use, for display ('klaude list'): $base_url_env when set and
// not empty, else base_url, else nullopt (the plugin's built-in default).
std::optional<std::string> effective_base_url(const ProviderConfig& provider);

}  // namespace klaude::core
