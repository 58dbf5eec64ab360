// What the user reads when the server says no: one-line messages for HTTP error answers and
// the rate-limit event built from response headers. ResponsesClient's describe_http_error()
// and rate_limit_event() defaults call these; subclasses can reuse the pieces.
#pragma once

#include <string>
#include <string_view>

#include "klaude/abi/status.h"
#include "plugins/responses/responses_config.h"

namespace klaude::responses {

// The klaude status for an HTTP error status.
klaude_status_t status_for_http(int http_status);

// True when a 400/404 answer says the model itself is refused: retired, unknown, not in the
// plan, or needing a newer client ("model_not_found", "… model is not supported when using
// Codex with a ChatGPT account", "requires a newer version of Codex"). The client then
// reports KLAUDE_ERROR_MODEL_UNAVAILABLE, which the host answers with the catalog.
bool is_model_refusal(int http_status, const std::string& body);

struct ServerError {
    std::string code;     // error.code, else error.type; may be empty
    std::string message;  // error.message, detail, or a plain-text body; may be empty
};
// Reads {"error":{"message","code","type"}}, {"error":"…"}, {"detail":"…"} or
// {"detail":{"code","message"}}; a non-JSON body becomes the message when it is short text.
ServerError parse_error_body(const std::string& body);

// The default message for an HTTP error (see ResponsesClient::describe_http_error).
std::string default_http_error_message(int http_status, const std::string& body,
                                       const HeaderList& headers, const std::string& api_key_env);

// The KLAUDE_EVENT_RATE_LIMIT payload for response headers, or "" when there are none.
std::string rate_limit_json(const HeaderList& headers);

// Collapses runs of whitespace and control characters (newlines, ESC included) to one space
// and cuts at `max` bytes on a UTF-8 boundary, so a server message fits on one line and cannot
// drive the terminal.
std::string one_line(std::string_view text, size_t max = 400);

}  // namespace klaude::responses
