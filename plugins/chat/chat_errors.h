// What the user reads when a Chat Completions server says no, and when to ask again.
//  - one line per error, with the server's own message ({"error":{"message"}}, {"error":"…"},
//    {"message":"…"}, {"detail":"…"} or short plain text);
//  - 401/403 -> KLAUDE_ERROR_AUTH, 429 -> KLAUDE_ERROR_RATE_LIMITED, a 400/404 that refuses the
//    model -> KLAUDE_ERROR_MODEL_UNAVAILABLE, others -> KLAUDE_ERROR_SERVER;
//  - retries before the first byte: 5xx and connection failures with exponential backoff and
//    jitter, 429 only when retry-after(-ms) is at most max_retry_after.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "klaude/abi/status.h"
#include "plugins/chat/chat_config.h"

namespace klaude::chat {

struct ServerError {
    std::string code;     // error.code (a number as text), else error.type; may be empty
    std::string message;  // may be empty
};
ServerError parse_error_body(const std::string& body);

klaude_status_t status_for_http(int http_status, const std::string& body);

// The one-line message for an HTTP error answer.
std::string http_error_message(int http_status, const std::string& body, const ChatConfig& config);

// Whitespace and control characters collapsed to one space, cut at `max` bytes on a UTF-8
// boundary.
std::string one_line(std::string_view text, size_t max = 400);

// The value of response header `name` (lower-case), or nullptr.
const std::string* find_header(const HeaderList& headers, std::string_view name);

// retry-after-ms, else retry-after in seconds.
std::optional<std::chrono::milliseconds> retry_after(const HeaderList& headers);

// The wait before try `failed_attempt + 1` after a 5xx or connection failure; nullopt when
// no tries are left.
std::optional<std::chrono::milliseconds> backoff(const ChatConfig& config, int failed_attempt);

}  // namespace klaude::chat
