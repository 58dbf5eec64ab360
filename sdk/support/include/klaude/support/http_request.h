// One small, non-streaming HTTP(S) exchange on HttpStream: send a request, get the status and
// (a bounded amount of) the body in memory. For sign-in flows, token endpoints, metadata
// fetches: everything where a response is a small JSON document rather than a stream. It
// honours the proxy variables, the timeouts and the TLS settings of HttpOptions like a model
// call does (and a connection pool, if one is given).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "klaude/support/cancel_signal.h"
#include "klaude/support/http_stream.h"

namespace klaude::support {

struct HttpResponse {
    int status = 0;
    HeaderList headers;        // lower-case names
    std::string content_type;  // the Content-Type header, "" when absent
    std::string body;          // at most the limit given to http_request()
};

// Sends `method url` with `headers` and `body` (none when empty, for GET) and reads the whole
// response, keeping at most `max_body` bytes of its body. Any HTTP status is a result;
// failures throw sdk::Error as HttpStream::send() does (KLAUDE_ERROR_NETWORK naming the host,
// KLAUDE_ERROR_TIMEOUT, KLAUDE_ERROR_INVALID_ARGUMENT for a bad URL, KLAUDE_ERROR_CANCELLED
// when `cancel` fires). Messages never include the request or response body.
HttpResponse http_request(const std::string& method, const std::string& url,
                          const HeaderList& headers, const std::string& body,
                          const HttpOptions& options, size_t max_body = 1 << 20,
                          std::shared_ptr<CancelSignal> cancel = nullptr);

}  // namespace klaude::support
