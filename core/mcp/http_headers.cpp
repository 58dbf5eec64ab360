#include "core/mcp/http_headers.h"

#include <strings.h>

#include <stdexcept>

namespace klaude::core::mcp {

support::HeaderList configured_headers(const McpServerConfig& config,
                                       const support::EnvLookup& env) {
    support::HeaderList headers;
    for (const auto& [name, value] : config.headers) {
        if (config.bearer_token_env && ::strcasecmp(name.c_str(), "Authorization") == 0) {
            continue;
        }
        headers.emplace_back(name, value);
    }
    if (config.bearer_token_env) {
        const std::string& variable = *config.bearer_token_env;
        const std::string token = env(variable.c_str());
        if (token.empty()) {
            throw std::runtime_error("bearer_token_env names " + variable +
                                     ", which is not set or empty: export " + variable +
                                     " with the server's token");
        }
        headers.emplace_back("Authorization", "Bearer " + token);
    }
    return headers;
}

}  // namespace klaude::core::mcp
