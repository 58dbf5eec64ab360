#include "plugins/codex/auth/http_post.h"

#include <Poco/URI.h>

#include "klaude/sdk/error.hpp"
#include "klaude/support/http_request.h"
#include "klaude/support/tls_context.h"

namespace klaude::codex {
namespace {

constexpr size_t kMaxBody = 1 << 20;

// "https://auth.openai.com:443" for messages: the host, never the path or the query.
std::string origin(const std::string& url) {
    try {
        const Poco::URI uri(url);
        return uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort());
    } catch (const std::exception&) {
        return url;
    }
}

// On the support library's HttpStream, like model calls: the same proxy variables
// (HTTPS_PROXY / HTTP_PROXY / NO_PROXY), TLS settings and cancellable connect.
HttpResult exchange(const std::string& method, const std::string& url,
                    const std::string& content_type, const std::string* body,
                    const HttpOptions& options) {
    support::HttpOptions http;
    http.connect_timeout = options.timeout;
    http.idle_timeout = options.timeout;
    if (!options.ca_file.empty() && url.rfind("https://", 0) == 0) {
        http.tls_context = support::make_tls_context(options.ca_file);
    }
    support::HeaderList headers{{"Accept", "application/json"}};
    if (body != nullptr) {
        headers.emplace_back("Content-Type", content_type);
    }
    try {
        support::HttpResponse response = support::http_request(
            method, url, headers, body != nullptr ? *body : std::string(), http, kMaxBody);
        HttpResult result;
        result.status = response.status;
        result.body = std::move(response.body);
        result.content_type = std::move(response.content_type);
        return result;
    } catch (const sdk::Error& e) {
        // The sign-in treats every transport failure alike (a timeout too): KLAUDE_ERROR_NETWORK,
        // one line naming the host.
        if (e.status() == KLAUDE_ERROR_NETWORK || e.status() == KLAUDE_ERROR_TIMEOUT) {
            throw sdk::Error(KLAUDE_ERROR_NETWORK, "cannot reach " + origin(url) + ": " + e.what());
        }
        throw;
    }
}

}  // namespace

HttpResult http_post(const std::string& url, const std::string& content_type,
                     const std::string& body, const HttpOptions& options) {
    return exchange("POST", url, content_type, &body, options);
}

HttpResult http_get(const std::string& url, const HttpOptions& options) {
    return exchange("GET", url, "", nullptr, options);
}

}  // namespace klaude::codex
