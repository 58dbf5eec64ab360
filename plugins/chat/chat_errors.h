// What the user reads when a Chat Completions server says no. The status mapping and the
// server's message are the support library's (klaude/support/http_errors.h); this adds the
// advice for this protocol.
#pragma once

#include <string>

#include "klaude/support/http_errors.h"
#include "plugins/chat/chat_config.h"

namespace klaude::chat {

using support::status_for_http;

// The one-line message for an HTTP error answer: the server's words, and for 401/403 which
// variable holds the key (or that the server wants one).
std::string http_error_message(int http_status, const std::string& body, const ChatConfig& config);

}  // namespace klaude::chat
