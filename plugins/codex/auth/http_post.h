// One small HTTP(S) exchange for the sign-in: token endpoint, device-code endpoints, and the
// GET /cancel sent to a stale login's callback server. (Streaming calls to the backend go
// through the Responses client, not here.)
#pragma once

#include <chrono>
#include <string>

namespace klaude::codex {

struct HttpOptions {
    std::chrono::milliseconds timeout{30000};
    std::string ca_file;  // PEM bundle to trust instead of the system store; empty: system
};

struct HttpResult {
    int status = 0;
    std::string body;  // at most 1 MiB
    std::string content_type;
};

// POSTs `body` to `url` (http or https) through klaude::support::http_request, so the proxy
// variables (HTTPS_PROXY / HTTP_PROXY / NO_PROXY) apply as they do to model calls. Any HTTP
// status is a result; connection failures, timeouts and TLS errors throw
// sdk::Error(KLAUDE_ERROR_NETWORK) naming the host (never the body); a ca_file that cannot be
// loaded, KLAUDE_ERROR_INVALID_ARGUMENT.
HttpResult http_post(const std::string& url, const std::string& content_type,
                     const std::string& body, const HttpOptions& options = {});

HttpResult http_get(const std::string& url, const HttpOptions& options = {});

}  // namespace klaude::codex
