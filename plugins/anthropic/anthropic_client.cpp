#include "plugins/anthropic/anthropic_client.h"

#include <algorithm>
#include <cstdlib>

#include "plugins/anthropic/anthropic_errors.h"
#include "plugins/anthropic/anthropic_models.h"
#include "plugins/anthropic/request_builder.h"
#include "plugins/anthropic/stream_mapper.h"

#ifndef KLAUDE_VERSION
#define KLAUDE_VERSION "0"
#endif

namespace klaude::anthropic {
namespace {

constexpr size_t kMaxCatalogBody = 4u << 20;

}  // namespace

AnthropicClient::AnthropicClient(AnthropicConfig config, sdk::Host host)
    : config_(std::move(config)), host_(host), http_(config_.transport, host, "anthropic") {}

AnthropicClient::~AnthropicClient() = default;

void AnthropicClient::cancel() noexcept {
    http_.cancel();
}

HeaderList AnthropicClient::request_headers(const char* accept) const {
    const char* key = std::getenv(config_.api_key_env.c_str());
    if (key == nullptr || *key == '\0') {
        throw sdk::Error(KLAUDE_ERROR_NOT_LOGGED_IN,
                         config_.api_key_env +
                             " is not set; export your Anthropic API key in it (provider '" +
                             config_.id + "')");
    }
    HeaderList headers{{"Accept", accept},
                       {"User-Agent", std::string("klaude/") + KLAUDE_VERSION},
                       {"x-api-key", key},
                       {"anthropic-version", config_.anthropic_version}};
    for (const auto& [name, value] : config_.headers) {
        set_header(headers, name, value);
    }
    return headers;
}

void AnthropicClient::stream(std::string_view request_json, const sdk::EventSink& sink) {
    http_.stream(
        [&] {
            MessagesBody body = build_messages_body(request_json, config_);
            for (const std::string& note : body.notes) {
                host_.debug("anthropic: " + note);
            }
            support::SseRequest request;
            request.url = config_.base_url + "/v1/messages";
            request.body = std::move(body.json);
            request.headers = request_headers("text/event-stream");
            request.mapper = [](const sdk::EventSink& s) {
                return std::make_unique<StreamMapper>(s);
            };
            request.describe_error = [this](int status, const std::string& error_body) {
                return http_error_message(status, error_body, config_);
            };
            // Overloaded (529) with a retry-after is waited out like a 429.
            request.wait_statuses = {429, kOverloaded};
            return request;
        },
        sink);
}

std::string AnthropicClient::list_models(std::chrono::milliseconds timeout) {
    const auto watcher = http_.begin_call();
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const std::string base = config_.base_url + "/v1/models?limit=1000";
    support::HttpOptions options = http_.http_options(base);
    try {
        const HeaderList headers = request_headers("application/json");
        std::vector<ModelsPage::Model> models;
        std::string after;
        for (int page = 0; page < kMaxModelPages; ++page) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                throw sdk::Error(KLAUDE_ERROR_TIMEOUT, "models list: no answer within " +
                                                           std::to_string(timeout.count()) + " ms");
            }
            // The host's deadline bounds every phase; it cancels us past it anyway.
            options.connect_timeout = std::min(config_.transport.connect_timeout, left);
            options.idle_timeout = std::min(config_.transport.idle_timeout, left);
            const std::string url = after.empty() ? base : base + "&after_id=" + after;
            support::HttpStream http(options, http_.cancel_signal());
            const int status = http.send("GET", url, headers, "");
            const std::string body = http.read_all(kMaxCatalogBody + 1);
            host_.debug("anthropic: GET " + url + " -> " + std::to_string(status));
            if (status == 404 || status == 405 || status == 501) {
                throw sdk::Error(KLAUDE_ERROR_UNSUPPORTED, "the server has no models list (HTTP " +
                                                               std::to_string(status) + ")");
            }
            if (status < 200 || status >= 300) {
                throw sdk::Error(status_for_http(status, body),
                                 "models list: " + http_error_message(status, body, config_));
            }
            if (body.size() > kMaxCatalogBody) {
                throw sdk::Error(KLAUDE_ERROR_PROTOCOL, "the models list is larger than 4 MiB");
            }
            ModelsPage answer = parse_models_page(body);
            for (auto& model : answer.models) {
                const bool seen = std::any_of(models.begin(), models.end(),
                                              [&](const auto& m) { return m.id == model.id; });
                if (!seen) {
                    models.push_back(std::move(model));
                }
            }
            // Model ids are plain [a-z0-9-.] text: no escaping needed in the query.
            if (!answer.has_more || answer.last_id.empty() || answer.last_id == after ||
                answer.last_id.find_first_of("&#?% ") != std::string::npos) {
                break;
            }
            after = answer.last_id;
        }
        if (models.empty()) {
            throw sdk::Error(KLAUDE_ERROR_PROTOCOL, "the models list names no models");
        }
        return catalog_json(models);
    } catch (const sdk::Error& e) {
        if (http_.cancel_signal()->cancelled() && e.status() != KLAUDE_ERROR_UNSUPPORTED) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
        }
        throw;
    }
}

}  // namespace klaude::anthropic
