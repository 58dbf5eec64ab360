#include "plugins/responses/responses_client.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <thread>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "plugins/responses/event_mapper.h"
#include "plugins/responses/http_errors.h"
#include "plugins/responses/request_builder.h"
#include "plugins/responses/support.h"

#ifndef KLAUDE_VERSION
#define KLAUDE_VERSION "0"
#endif

namespace klaude::responses {
namespace {

// An error with the server's code, for the KLAUDE_EVENT_ERROR payload.
class CodedError : public sdk::Error {
  public:
    CodedError(klaude_status_t status, std::string code, const std::string& message)
        : sdk::Error(status, message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

  private:
    std::string code_;
};

constexpr size_t kMaxErrorBody = 64 * 1024;
// The largest SSE event accepted. Real events stay far below (response.completed repeats the
// whole output, a few MB at most with images); without a bound, a broken or hostile server
// could make klaude buffer until memory runs out.
constexpr size_t kMaxEventBytes = 8 * 1024 * 1024;

// "text/event-stream; charset=utf-8" -> "text/event-stream".
std::string media_type(const std::string& content_type) {
    std::string type = content_type.substr(0, content_type.find(';'));
    const size_t begin = type.find_first_not_of(" \t");
    const size_t end = type.find_last_not_of(" \t");
    type = begin == std::string::npos ? std::string() : type.substr(begin, end - begin + 1);
    for (char& c : type) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return type;
}

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

}  // namespace

// After response.completed, how long to wait for the end of the HTTP body (normally already
// received) so the connection can be reused; past it the connection is closed instead.
constexpr std::chrono::milliseconds kFinishWait{1000};

ResponsesClient::ResponsesClient(ResponsesConfig config, sdk::Host host)
    : config_(std::move(config)), host_(host), cancel_(std::make_shared<CancelSignal>()) {
    if (config_.keep_alive) {
        pool_ = std::make_shared<support::ConnectionPool>();
    }
}

ResponsesClient::~ResponsesClient() = default;

void ResponsesClient::cancel() noexcept {
    cancel_->cancel();
}

void ResponsesClient::stream(std::string_view request_json, const sdk::EventSink& sink) {
    cancel_->reset();
    std::function<bool()> host_cancelled;
    if (KLAUDE_HOST_HAS(host_.raw(), is_cancelled)) {
        host_cancelled = [this] { return host_.cancelled(); };
    }
    HostCancelWatcher watcher(std::move(host_cancelled), *cancel_);
    try {
        run(request_json, sink);
    } catch (const sdk::Error& e) {
        // A cancel that raced with another failure is still reported as a cancel.
        const klaude_status_t status = cancel_->cancelled() ? KLAUDE_ERROR_CANCELLED : e.status();
        const std::string message = status == KLAUDE_ERROR_CANCELLED ? "cancelled" : e.what();
        const auto* coded = dynamic_cast<const CodedError*>(&e);
        sink.error(error_event_json(status, coded ? coded->code() : std::string(), message));
        host_.debug("responses: " + message);
        throw sdk::Error(status, message);
    }
}

void ResponsesClient::sleep_or_cancel(std::chrono::milliseconds wait) {
    const auto until = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < until) {
        if (cancel_->cancelled()) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
        }
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            std::chrono::milliseconds(20), until - std::chrono::steady_clock::now()));
    }
    if (cancel_->cancelled()) {
        throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
    }
}

void ResponsesClient::run(std::string_view request_json, const sdk::EventSink& sink) {
    BuiltRequest built = build_request(request_json);
    session_id_ = built.session_id;
    finish_body(built.body);
    const std::string body = serialize(built.body);
    const std::string url = endpoint_url();

    const HttpOptions options = http_options(url);

    RetryPolicy policy(config_.retry_settings());
    bool refreshed = false;
    for (int attempt = 1;; ++attempt) {
        if (cancel_->cancelled()) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
        }
        HeaderList headers{{"Content-Type", "application/json"},
                           {"Accept", "text/event-stream"},
                           {"User-Agent", std::string("klaude/") + KLAUDE_VERSION}};
        add_headers(headers);
        for (const auto& [name, value] : config_.headers) {
            set_header(headers, name, value);
        }

        HttpStream http(options, cancel_);
        int status = 0;
        try {
            status = http.post(url, headers, body);
        } catch (const sdk::Error& e) {
            if ((e.status() != KLAUDE_ERROR_NETWORK && e.status() != KLAUDE_ERROR_TIMEOUT) ||
                dynamic_cast<const TlsVerificationError*>(&e) != nullptr) {
                throw;
            }
            auto wait = policy.after_failure(attempt);
            if (!wait) {
                throw;
            }
            host_.debug("responses: attempt " + std::to_string(attempt) + " failed (" + e.what() +
                        "), retrying in " + std::to_string(wait->count()) + " ms");
            sleep_or_cancel(*wait);
            continue;
        }
        host_.debug("responses: POST " + url + " -> " + std::to_string(status));

        if (status >= 200 && status < 300) {
            // A web page, a login portal or a non-streaming API answers 200 with another type;
            // parsing it as events would only end in "stream closed", after pointless retries.
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
            if (std::string limits = rate_limit_event(http.response_headers()); !limits.empty()) {
                sink.rate_limit(limits);
            }
            EventMapper mapper(sink);
            SseParser parser;
            try {
                for (;;) {
                    std::string_view chunk = http.read_some();
                    if (chunk.empty()) {
                        parser.finish(mapper);  // a last event without its blank line
                        break;
                    }
                    parser.feed(chunk, mapper);
                    if (parser.buffered_bytes() > kMaxEventBytes) {
                        throw CodedError(KLAUDE_ERROR_PROTOCOL, "",
                                         "the server sent an event larger than " +
                                             std::to_string(kMaxEventBytes >> 20) +
                                             " MiB; klaude stops reading there");
                    }
                    // One flush per network read: the host writes its output here, not per
                    // delta.
                    sink.flush();
                    if (mapper.completed() || mapper.error()) {
                        // The server's end of the body normally came with the last event;
                        // reading it lets the connection go back to the pool.
                        http.finish(kFinishWait);
                        break;
                    }
                }
            } catch (const sdk::Error& e) {
                // A stream cut before anything reached the user is a connection failure like
                // any other; after that, a retry would repeat output.
                if (e.status() == KLAUDE_ERROR_NETWORK && !mapper.emitted()) {
                    if (auto wait = policy.after_failure(attempt)) {
                        sleep_or_cancel(*wait);
                        continue;
                    }
                }
                throw;
            }
            if (const auto& error = mapper.error()) {
                throw CodedError(error->status, error->code, one_line(error->message));
            }
            if (!mapper.completed()) {
                if (cancel_->cancelled()) {
                    throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
                }
                if (!mapper.emitted()) {
                    if (auto wait = policy.after_failure(attempt)) {
                        sleep_or_cancel(*wait);
                        continue;
                    }
                }
                throw CodedError(KLAUDE_ERROR_NETWORK, "",
                                 "stream closed before response.completed");
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
            // The status line says enough.
        }
        const HeaderList& response_headers = http.response_headers();
        if (status == 401 && !refreshed) {
            refreshed = true;
            if (refresh_after_unauthorized()) {
                --attempt;  // a refreshed credential gets a fresh try
                continue;
            }
        }
        if (status == 429 && !is_hard_rate_limit(error_body)) {
            if (auto wait = policy.after_rate_limit(attempt, retry_after(response_headers))) {
                host_.debug("responses: rate limited, retrying in " +
                            std::to_string(wait->count()) + " ms");
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
                         one_line(describe_http_error(status, error_body, response_headers)));
    }
}

HttpOptions ResponsesClient::http_options(const std::string& url) {
    HttpOptions options;
    options.connect_timeout = config_.connect_timeout;
    options.idle_timeout = config_.idle_timeout;
    if (url.rfind("https://", 0) == 0) {
        if (!tls_context_) {
            tls_context_ = make_tls_context(config_.ca_file);
        }
        options.tls_context = tls_context_;
    }
    options.use_proxy_env = config_.use_proxy_env;
    options.pool = pool_;
    return options;
}

std::string ResponsesClient::endpoint_url() const {
    return config_.base_url + "/responses";
}

void ResponsesClient::add_headers(HeaderList& headers) {
    if (config_.api_key_env.empty()) {
        return;
    }
    const char* key = std::getenv(config_.api_key_env.c_str());
    if (key == nullptr || *key == '\0') {
        throw sdk::Error(
            KLAUDE_ERROR_NOT_LOGGED_IN,
            config_.api_key_env + " is not set; export your API key in it" +
                (config_.id.empty() ? std::string() : " (provider '" + config_.id + "')"));
    }
    set_header(headers, "Authorization", std::string("Bearer ") + key);
}

void ResponsesClient::finish_body(rapidjson::Document&) {}

bool ResponsesClient::refresh_after_unauthorized() {
    return false;
}

std::string ResponsesClient::describe_http_error(int status, const std::string& body,
                                                 const HeaderList& headers) const {
    return default_http_error_message(status, body, headers, config_.api_key_env);
}

std::string ResponsesClient::rate_limit_event(const HeaderList& headers) const {
    return rate_limit_json(headers);
}

bool ResponsesClient::is_hard_rate_limit(const std::string& body) const {
    const std::string code = parse_error_body(body).code;
    return code == "usage_limit_reached" || code == "insufficient_quota";
}

}  // namespace klaude::responses
