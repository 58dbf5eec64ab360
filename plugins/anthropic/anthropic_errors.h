// What the user reads when the Messages API says no. The status mapping and the server's
// message (Anthropic's {"type":"error","error":{"type","message"}} included) are the support
// library's (klaude/support/http_errors.h); this adds the advice for this API.
#pragma once

#include <string>

#include "klaude/support/http_errors.h"
#include "plugins/anthropic/anthropic_config.h"

namespace klaude::anthropic {

using support::status_for_http;

// Anthropic's "overloaded" answer: a 5xx that is not the server's fault, with its own code.
inline constexpr int kOverloaded = 529;

// The one-line message for an HTTP error answer: the server's words, and for 401/403 which
// variable holds the key.
std::string http_error_message(int http_status, const std::string& body,
                               const AnthropicConfig& config);

}  // namespace klaude::anthropic
