// ResponsesClient::list_models (ABI 1.1): the live model catalog, one GET with the same
// credentials and headers as a model call.

#include <algorithm>

#include "plugins/responses/http_errors.h"
#include "plugins/responses/openai_models.h"
#include "plugins/responses/responses_client.h"
#include "plugins/responses/support.h"

namespace klaude::responses {

namespace {

// A catalog is tens of KB; the host refuses more than a few MB anyway.
constexpr size_t kMaxCatalogBody = 4u << 20;

}  // namespace

std::string ResponsesClient::models_url() const {
    return config_.base_url + "/models";
}

void ResponsesClient::add_models_headers(HeaderList& headers) {
    add_headers(headers);
}

std::string ResponsesClient::catalog_from_response(const std::string& body) const {
    return catalog_from_openai_models(body);
}

std::string ResponsesClient::list_models(std::chrono::milliseconds timeout) {
    cancel_->reset();
    std::function<bool()> host_cancelled;
    if (KLAUDE_HOST_HAS(host_.raw(), is_cancelled)) {
        host_cancelled = [this] { return host_.cancelled(); };
    }
    HostCancelWatcher watcher(std::move(host_cancelled), *cancel_);
    const std::string url = models_url();
    HttpOptions options = http_options(url);
    // The host's deadline bounds every phase; the host cancels us at it anyway.
    options.connect_timeout = std::min(options.connect_timeout, timeout);
    options.idle_timeout = std::min(options.idle_timeout, timeout);

    bool refreshed = false;
    for (;;) {
        HeaderList headers{{"Accept", "application/json"}};
        add_models_headers(headers);
        for (const auto& [name, value] : config_.headers) {
            set_header(headers, name, value);
        }
        HttpStream http(options, cancel_);
        const int status = http.send("GET", url, headers, std::string());
        std::string body = http.read_all(kMaxCatalogBody + 1);
        host_.debug("responses: GET " + url + " -> " + std::to_string(status));
        if (status == 401 && !refreshed) {
            refreshed = true;
            if (refresh_after_unauthorized()) {
                continue;
            }
        }
        if (status == 404 || status == 405 || status == 501) {
            // A Responses server without a models list (many gateways): nothing to report,
            // the host quietly uses the plugin's list.
            throw sdk::Error(KLAUDE_ERROR_UNSUPPORTED,
                             "the server has no models list (HTTP " + std::to_string(status) + ")");
        }
        if (status < 200 || status >= 300) {
            throw sdk::Error(status_for_http(status, body),
                             one_line("models list: " +
                                      describe_http_error(status, body, http.response_headers())));
        }
        if (body.size() > kMaxCatalogBody) {
            throw sdk::Error(
                KLAUDE_ERROR_PROTOCOL,
                "the models list is larger than " + std::to_string(kMaxCatalogBody >> 20) + " MiB");
        }
        return catalog_from_response(body);
    }
}

}  // namespace klaude::responses
