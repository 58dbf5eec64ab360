// The headers of every request to a Streamable HTTP server that come from its configuration:
// "headers" as given and, with "bearer_token_env", `Authorization: Bearer $VAR`.
#pragma once

#include "core/config/config.h"
#include "klaude/support/http_stream.h"
#include "klaude/support/proxy_env.h"

namespace klaude::core::mcp {

// Throws std::runtime_error (one line naming the variable, never its value) when
// bearer_token_env names a variable that is unset or empty. The bearer token replaces an
// Authorization header given in "headers".
support::HeaderList configured_headers(const McpServerConfig& config,
                                       const support::EnvLookup& env = support::real_env);

}  // namespace klaude::core::mcp
