#include "plugins/chat/chat_client.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <thread>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "klaude/support/sse_parser.h"
#include "klaude/support/tls_context.h"
#include "plugins/chat/chat_errors.h"
#include "plugins/chat/request_builder.h"
#include "plugins/chat/stream_mapper.h"

#ifndef KLAUDE_VERSION
#define KLAUDE_VERSION "0"
#endif

namespace klaude::chat {
namespace {

class CodedError : public sdk::Error {
  public:
    CodedError(klaude_status_t status, std::string code, const std::string& message)
        : sdk::Error(status, message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

  private:
    std::string code_;
};

constexpr size_t kMaxErrorBody = 64 * 1024;
constexpr size_t kMaxChunkBytes = 8 * 1024 * 1024;
constexpr size_t kMaxCatalogBody = 4u << 20;
constexpr std::chrono::milliseconds kFinishWait{1000};

std::string error_event_json(klaude_status_t status, const std::string& code,
                             const std::string& message) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("status");
    w.String(klaude_status_name(status));
    w.Key("code");
    w.String(code.c_str(), static_cast<rapidjson::SizeType>(code.size()));
    w.Key("message");
    w.String(message.c_str(), static_cast<rapidjson::SizeType>(message.size()));
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

}  // namespace

ChatClient::ChatClient(ChatConfig config, sdk::Host host)
    : config_(std::move(config)), host_(host), cancel_(std::make_shared<support::CancelSignal>()) {
    if (config_.keep_alive) {
        pool_ = std::make_shared<support::ConnectionPool>();
    }
}

ChatClient::~ChatClient() = default;

void ChatClient::cancel() noexcept {
    cancel_->cancel();
}

support::HttpOptions ChatClient::http_options(const std::string& url) {
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

HeaderList ChatClient::request_headers(const char* accept) const {
    HeaderList headers{{"Accept", accept}, {"User-Agent", std::string("klaude/") + KLAUDE_VERSION}};
    if (!config_.api_key_env.empty()) {
        const char* key = std::getenv(config_.api_key_env.c_str());
        if (key == nullptr || *key == '\0') {
            throw sdk::Error(
                KLAUDE_ERROR_NOT_LOGGED_IN,
                config_.api_key_env + " is not set; export your API key in it" +
                    (config_.id.empty() ? std::string() : " (provider '" + config_.id + "')"));
        }
        set_header(headers, "Authorization", std::string("Bearer ") + key);
    }
    for (const auto& [name, value] : config_.headers) {
        set_header(headers, name, value);
    }
    return headers;
}

void ChatClient::sleep_or_cancel(std::chrono::milliseconds wait) {
    const auto until = std::chrono::steady_clock::now() + wait;
    while (!cancel_->cancelled() && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            std::chrono::milliseconds(20), until - std::chrono::steady_clock::now()));
    }
    if (cancel_->cancelled()) {
        throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
    }
}

void ChatClient::stream(std::string_view request_json, const sdk::EventSink& sink) {
    cancel_->reset();
    support::HostCancelWatcher watcher(host_flag(host_), *cancel_);
    try {
        run(request_json, sink);
    } catch (const sdk::Error& e) {
        const klaude_status_t status = cancel_->cancelled() ? KLAUDE_ERROR_CANCELLED : e.status();
        const std::string message = status == KLAUDE_ERROR_CANCELLED ? "cancelled" : e.what();
        const auto* coded = dynamic_cast<const CodedError*>(&e);
        sink.error(error_event_json(status, coded ? coded->code() : std::string(), message));
        host_.debug("chat: " + message);
        throw sdk::Error(status, message);
    }
}

void ChatClient::run(std::string_view request_json, const sdk::EventSink& sink) {
    if (config_.base_url.empty()) {
        throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, config_.missing_base_url());
    }
    const std::string body = build_chat_body(request_json, config_);
    const std::string url = config_.base_url + "/chat/completions";
    const support::HttpOptions options = http_options(url);

    RetryPolicy policy(config_.retry_settings());
    for (int attempt = 1;; ++attempt) {
        if (cancel_->cancelled()) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
        }
        HeaderList headers = request_headers("text/event-stream");
        headers.insert(headers.begin(), {"Content-Type", "application/json"});
        support::HttpStream http(options, cancel_);
        int status = 0;
        try {
            status = http.post(url, headers, body);
        } catch (const sdk::Error& e) {
            if ((e.status() != KLAUDE_ERROR_NETWORK && e.status() != KLAUDE_ERROR_TIMEOUT) ||
                dynamic_cast<const support::TlsVerificationError*>(&e) != nullptr) {
                throw;
            }
            auto wait = policy.after_failure(attempt);
            if (!wait) {
                throw;
            }
            host_.debug("chat: attempt " + std::to_string(attempt) + " failed (" + e.what() +
                        "), retrying in " + std::to_string(wait->count()) + " ms");
            sleep_or_cancel(*wait);
            continue;
        }
        host_.debug("chat: POST " + url + " -> " + std::to_string(status));

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
                    if (parser.buffered_bytes() > kMaxChunkBytes) {
                        throw CodedError(KLAUDE_ERROR_PROTOCOL, "",
                                         "the server sent a chunk larger than 8 MiB");
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
                    if (auto wait = policy.after_failure(attempt)) {
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
                if (error->status == KLAUDE_ERROR_NETWORK && !mapper.emitted()) {
                    if (auto wait = policy.after_failure(attempt)) {
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
        if (status == 429) {
            if (auto wait =
                    policy.after_rate_limit(attempt, retry_after(http.response_headers()))) {
                host_.debug("chat: rate limited, retrying in " + std::to_string(wait->count()) +
                            " ms");
                sleep_or_cancel(*wait);
                continue;
            }
        }
        if (status >= 500) {
            if (auto wait = policy.after_failure(attempt)) {
                sleep_or_cancel(*wait);
                continue;
            }
        }
        throw CodedError(status_for_http(status, error_body), parse_error_body(error_body).code,
                         http_error_message(status, error_body, config_));
    }
}

std::string ChatClient::list_models(std::chrono::milliseconds timeout) {
    cancel_->reset();
    if (config_.base_url.empty()) {
        throw sdk::Error(KLAUDE_ERROR_UNSUPPORTED, config_.missing_base_url());
    }
    support::HostCancelWatcher watcher(host_flag(host_), *cancel_);
    const std::string url = config_.base_url + "/models";
    support::HttpOptions options = http_options(url);
    options.connect_timeout = std::min(options.connect_timeout, timeout);
    options.idle_timeout = std::min(options.idle_timeout, timeout);
    try {
        support::HttpStream http(options, cancel_);
        const int status = http.send("GET", url, request_headers("application/json"), "");
        const std::string body = http.read_all(kMaxCatalogBody + 1);
        host_.debug("chat: GET " + url + " -> " + std::to_string(status));
        if (status == 404 || status == 405 || status == 501) {
            throw sdk::Error(KLAUDE_ERROR_UNSUPPORTED,
                             "the server has no models list (HTTP " + std::to_string(status) + ")");
        }
        if (status < 200 || status >= 300) {
            throw sdk::Error(status_for_http(status, body),
                             "models list: " + http_error_message(status, body, config_));
        }
        if (body.size() > kMaxCatalogBody) {
            throw sdk::Error(KLAUDE_ERROR_PROTOCOL, "the models list is larger than 4 MiB");
        }
        return catalog_from_models_list(body);
    } catch (const sdk::Error& e) {
        if (cancel_->cancelled() && e.status() != KLAUDE_ERROR_UNSUPPORTED) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
        }
        throw;
    }
}

std::string catalog_from_models_list(std::string_view body) {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    auto data = doc.IsObject() ? doc.FindMember("data") : doc.MemberEnd();
    if (doc.HasParseError() || !doc.IsObject() || data == doc.MemberEnd() ||
        !data->value.IsArray()) {
        throw sdk::Error(KLAUDE_ERROR_PROTOCOL,
                         "the models list is not an OpenAI list ({\"data\":[{\"id\":…}]})");
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("models");
    w.StartArray();
    for (const auto& model : data->value.GetArray()) {
        if (!model.IsObject()) {
            continue;
        }
        auto id = model.FindMember("id");
        if (id == model.MemberEnd() || !id->value.IsString() || id->value.GetStringLength() == 0) {
            continue;
        }
        w.StartObject();
        w.Key("id");
        w.String(id->value.GetString(), id->value.GetStringLength());
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace klaude::chat
