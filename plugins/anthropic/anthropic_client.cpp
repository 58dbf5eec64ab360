#include "plugins/anthropic/anthropic_client.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <thread>

#include "klaude/support/json.h"
#include "klaude/support/sse_parser.h"
#include "klaude/support/tls_context.h"
#include "plugins/anthropic/anthropic_errors.h"
#include "plugins/anthropic/anthropic_models.h"
#include "plugins/anthropic/request_builder.h"
#include "plugins/anthropic/stream_mapper.h"

#ifndef KLAUDE_VERSION
#define KLAUDE_VERSION "0"
#endif

namespace klaude::anthropic {
namespace {

namespace json = support::json;

// An error that carries the server's error code into the ERROR event.
class CodedError : public sdk::Error {
  public:
    CodedError(klaude_status_t status, std::string code, const std::string& message)
        : sdk::Error(status, message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

  private:
    std::string code_;
};

constexpr size_t kMaxErrorBody = 64 * 1024;
constexpr size_t kMaxEventBytes = 8 * 1024 * 1024;
constexpr size_t kMaxCatalogBody = 4u << 20;
constexpr std::chrono::milliseconds kFinishWait{1000};

std::string error_event_json(klaude_status_t status, const std::string& code,
                             const std::string& message) {
    rapidjson::StringBuffer buffer;
    json::Writer w(buffer);
    w.StartObject();
    json::write_member(w, "status", klaude_status_name(status));
    json::write_member(w, "code", code);
    json::write_member(w, "message", message);
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string media_type(const std::string& content_type) {
    std::string type = content_type.substr(0, content_type.find(';'));
    type.erase(std::remove_if(type.begin(), type.end(),
                              [](unsigned char c) { return std::isspace(c) != 0; }),
               type.end());
    for (char& c : type) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return type;
}

std::function<bool()> host_flag(const sdk::Host& host) {
    if (!KLAUDE_HOST_HAS(host.raw(), is_cancelled)) {
        return {};
    }
    return [host] { return host.cancelled(); };
}

bool is_transport_failure(const sdk::Error& e) {
    return (e.status() == KLAUDE_ERROR_NETWORK || e.status() == KLAUDE_ERROR_TIMEOUT) &&
           dynamic_cast<const support::TlsVerificationError*>(&e) == nullptr;
}

}  // namespace

AnthropicClient::AnthropicClient(AnthropicConfig config, sdk::Host host)
    : config_(std::move(config)), host_(host), cancel_(std::make_shared<support::CancelSignal>()) {
    if (config_.keep_alive) {
        pool_ = std::make_shared<support::ConnectionPool>();
    }
}

AnthropicClient::~AnthropicClient() = default;

void AnthropicClient::cancel() noexcept {
    cancel_->cancel();
}

support::HttpOptions AnthropicClient::http_options(const std::string& url) {
    support::HttpOptions options;
    options.connect_timeout = config_.connect_timeout;
    options.idle_timeout = config_.idle_timeout;
    if (url.rfind("https://", 0) == 0) {
        if (!tls_context_) {
            tls_context_ = support::make_tls_context(config_.ca_file);
        }
        options.tls_context = tls_context_;
    }
    options.use_proxy_env = config_.use_proxy_env;
    options.pool = pool_;
    return options;
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

void AnthropicClient::sleep_or_cancel(std::chrono::milliseconds wait) {
    const auto until = std::chrono::steady_clock::now() + wait;
    while (!cancel_->cancelled() && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            std::chrono::milliseconds(20), until - std::chrono::steady_clock::now()));
    }
    if (cancel_->cancelled()) {
        throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
    }
}

void AnthropicClient::stream(std::string_view request_json, const sdk::EventSink& sink) {
    cancel_->reset();
    support::HostCancelWatcher watcher(host_flag(host_), *cancel_);
    try {
        run(request_json, sink);
    } catch (const sdk::Error& e) {
        const klaude_status_t status = cancel_->cancelled() ? KLAUDE_ERROR_CANCELLED : e.status();
        const std::string message = status == KLAUDE_ERROR_CANCELLED ? "cancelled" : e.what();
        const auto* coded = dynamic_cast<const CodedError*>(&e);
        sink.error(error_event_json(status, coded ? coded->code() : std::string(), message));
        host_.debug("anthropic: " + message);
        throw sdk::Error(status, message);
    }
}

void AnthropicClient::run(std::string_view request_json, const sdk::EventSink& sink) {
    const MessagesBody body = build_messages_body(request_json, config_);
    for (const std::string& note : body.notes) {
        host_.debug("anthropic: " + note);
    }
    const std::string url = config_.base_url + "/v1/messages";
    const support::HttpOptions options = http_options(url);

    RetryPolicy policy(config_.retry_settings());
    // The wait before the next try after a failure of attempt `attempt`, or nullopt.
    auto backoff = [&](int attempt, const std::string& why) {
        auto wait = policy.after_failure(attempt);
        if (wait) {
            host_.debug("anthropic: attempt " + std::to_string(attempt) + " failed (" + why +
                        "), retrying in " + std::to_string(wait->count()) + " ms");
        }
        return wait;
    };
    for (int attempt = 1;; ++attempt) {
        if (cancel_->cancelled()) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
        }
        HeaderList headers = request_headers("text/event-stream");
        headers.insert(headers.begin(), {"Content-Type", "application/json"});
        support::HttpStream http(options, cancel_);
        int status = 0;
        try {
            status = http.post(url, headers, body.json);
        } catch (const sdk::Error& e) {
            if (!is_transport_failure(e)) {
                throw;
            }
            if (auto wait = backoff(attempt, e.what())) {
                sleep_or_cancel(*wait);
                continue;
            }
            throw;
        }
        host_.debug("anthropic: POST " + url + " -> " + std::to_string(status));

        if (status >= 200 && status < 300) {
            if (const std::string* type = find_header(http.response_headers(), "content-type")) {
                if (const std::string media = media_type(*type);
                    !media.empty() && media != "text/event-stream") {
                    throw CodedError(KLAUDE_ERROR_PROTOCOL, "",
                                     one_line("expected an event stream but the server answered "
                                              "HTTP " +
                                              std::to_string(status) + " with " + media +
                                              "; check base_url (" + config_.base_url + ")"));
                }
            }
            StreamMapper mapper(sink);
            support::SseParser parser;
            try {
                for (;;) {
                    std::string_view chunk = http.read_some();
                    if (chunk.empty()) {
                        parser.finish(mapper);
                        break;
                    }
                    parser.feed(chunk, mapper);
                    if (parser.buffered_bytes() > kMaxEventBytes) {
                        throw CodedError(KLAUDE_ERROR_PROTOCOL, "",
                                         "the server sent an event larger than 8 MiB");
                    }
                    if (mapper.done() || mapper.error()) {
                        // Reading the end of the body lets the connection go back to the pool.
                        http.finish(kFinishWait);
                        break;
                    }
                    sink.flush();  // one flush per network read
                }
            } catch (const sdk::Error& e) {
                if (e.status() == KLAUDE_ERROR_NETWORK && !mapper.emitted() &&
                    !cancel_->cancelled()) {
                    if (auto wait = backoff(attempt, e.what())) {
                        sleep_or_cancel(*wait);
                        continue;
                    }
                }
                throw;
            }
            if (cancel_->cancelled()) {
                throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
            }
            mapper.finish();
            sink.flush();
            if (const auto& error = mapper.error()) {
                const bool retryable = error->retryable || error->status == KLAUDE_ERROR_NETWORK;
                if (retryable && !mapper.emitted()) {
                    if (auto wait = backoff(attempt, error->message)) {
                        sleep_or_cancel(*wait);
                        continue;
                    }
                }
                throw CodedError(error->status, error->code, one_line(error->message));
            }
            return;
        }

        std::string error_body;
        try {
            error_body = http.read_all(kMaxErrorBody);
        } catch (const sdk::Error& e) {
            if (e.status() == KLAUDE_ERROR_CANCELLED) {
                throw;
            }
        }
        const auto asked_wait = retry_after(http.response_headers());
        if (status == 429 || (status == kOverloaded && asked_wait)) {
            if (auto wait = policy.after_rate_limit(attempt, asked_wait)) {
                host_.debug("anthropic: HTTP " + std::to_string(status) + ", retrying in " +
                            std::to_string(wait->count()) + " ms as the server asked");
                sleep_or_cancel(*wait);
                continue;
            }
        } else if (status >= 500) {
            if (auto wait = backoff(attempt, "HTTP " + std::to_string(status))) {
                sleep_or_cancel(*wait);
                continue;
            }
        }
        throw CodedError(status_for_http(status, error_body), parse_error_body(error_body).code,
                         http_error_message(status, error_body, config_));
    }
}

std::string AnthropicClient::list_models(std::chrono::milliseconds timeout) {
    cancel_->reset();
    support::HostCancelWatcher watcher(host_flag(host_), *cancel_);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const std::string base = config_.base_url + "/v1/models?limit=1000";
    support::HttpOptions options = http_options(base);
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
            options.connect_timeout = std::min(config_.connect_timeout, left);
            options.idle_timeout = std::min(config_.idle_timeout, left);
            const std::string url = after.empty() ? base : base + "&after_id=" + after;
            support::HttpStream http(options, cancel_);
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
        if (cancel_->cancelled() && e.status() != KLAUDE_ERROR_UNSUPPORTED) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
        }
        throw;
    }
}

}  // namespace klaude::anthropic
