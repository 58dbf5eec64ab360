// What the user reads when the server says no: one-line messages for HTTP error answers and
// the rate-limit event built from response headers. ResponsesClient's describe_http_error()
// and rate_limit_event() defaults call these; subclasses can reuse the pieces.
#pragma once

#include <string>
#include <string_view>

#include "plugins/responses/responses_config.h"
#include "plugins/responses/support.h"

namespace klaude::responses {

// The status mapping, the server's message and one_line() come from the support library
// (klaude/support/http_errors.h); what follows is the Responses API's own wording.

// The default message for an HTTP error (see ResponsesClient::describe_http_error).
std::string default_http_error_message(int http_status, const std::string& body,
                                       const HeaderList& headers, const std::string& api_key_env);

// The KLAUDE_EVENT_RATE_LIMIT payload for response headers, or "" when there are none.
std::string rate_limit_json(const HeaderList& headers);

}  // namespace klaude::responses
