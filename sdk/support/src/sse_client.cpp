#include "klaude/support/sse_client.h"

#include <algorithm>
#include <cctype>
#include <thread>

#include "klaude/support/http_errors.h"
#include "klaude/support/json.h"
#include "klaude/support/retry_policy.h"
#include "klaude/support/tls_context.h"

namespace klaude::support {
namespace {

constexpr size_t kMaxErrorBody = 64 * 1024;
// An event this large is a broken or hostile server, not an answer.
constexpr size_t kMaxEventBytes = 8 * 1024 * 1024;
// How long to wait for the end of a body after the protocol's last event, so the connection
// can go back to the pool.
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

// "text/event-stream" of "Text/Event-Stream; charset=utf-8".
std::string media_type(const std::string& content_type) {
    std::string type = content_type.substr(0, content_type.find(';'));
    type.erase(std::remove_if(type.begin(), type.end(),
                              [](unsigned char c) { return std::isspace(c) != 0; }),
               type.end());
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return type;
}

bool is_transport_failure(const sdk::Error& e) {
    return (e.status() == KLAUDE_ERROR_NETWORK || e.status() == KLAUDE_ERROR_TIMEOUT) &&
           dynamic_cast<const TlsVerificationError*>(&e) == nullptr;
}

bool has_header(const HeaderList& headers, const char* name) {
    for (const auto& [n, v] : headers) {
        if (n.size() == std::char_traits<char>::length(name) &&
            std::equal(n.begin(), n.end(), name, [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            })) {
            return true;
        }
    }
    return false;
}

}  // namespace

SseClient::SseClient(TransportSettings settings, sdk::Host host, std::string name)
    : settings_(std::move(settings)),
      host_(host),
      name_(std::move(name)),
      cancel_(std::make_shared<CancelSignal>()) {
    if (settings_.keep_alive) {
        pool_ = std::make_shared<ConnectionPool>();
    }
}

SseClient::~SseClient() = default;

void SseClient::cancel() noexcept {
    cancel_->cancel();
}

std::unique_ptr<HostCancelWatcher> SseClient::begin_call() {
    cancel_->reset();
    std::function<bool()> flag;
    if (KLAUDE_HOST_HAS(host_.raw(), is_cancelled)) {
        flag = [host = host_] { return host.cancelled(); };
    }
    return std::make_unique<HostCancelWatcher>(std::move(flag), *cancel_);
}

HttpOptions SseClient::http_options(const std::string& url) {
    HttpOptions options;
    options.connect_timeout = settings_.connect_timeout;
    options.idle_timeout = settings_.idle_timeout;
    if (url.rfind("https://", 0) == 0) {
        if (!tls_context_) {
            tls_context_ = make_tls_context(settings_.ca_file);
        }
        options.tls_context = tls_context_;
    }
    options.use_proxy_env = settings_.use_proxy_env;
    options.pool = pool_;
    return options;
}

void SseClient::sleep_or_cancel(std::chrono::milliseconds wait) {
    const auto until = std::chrono::steady_clock::now() + wait;
    while (!cancel_->cancelled() && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            std::chrono::milliseconds(20), until - std::chrono::steady_clock::now()));
    }
    if (cancel_->cancelled()) {
        throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
    }
}

void SseClient::stream(const std::function<SseRequest()>& prepare, const sdk::EventSink& sink) {
    const auto watcher = begin_call();
    try {
        run(prepare(), sink);
    } catch (const sdk::Error& e) {
        const klaude_status_t status = cancel_->cancelled() ? KLAUDE_ERROR_CANCELLED : e.status();
        const std::string message = status == KLAUDE_ERROR_CANCELLED ? "cancelled" : e.what();
        const auto* coded = dynamic_cast<const CodedError*>(&e);
        sink.error(error_event_json(status, coded ? coded->code() : std::string(), message));
        host_.debug(name_ + ": " + message);
        throw sdk::Error(status, message);
    }
}

void SseClient::run(const SseRequest& request, const sdk::EventSink& sink) {
    const HttpOptions options = http_options(request.url);
    HeaderList headers = request.headers;
    headers.insert(headers.begin(), {"Content-Type", "application/json"});
    if (!has_header(headers, "Accept")) {
        headers.emplace_back("Accept", "text/event-stream");
    }
    RetryPolicy policy(settings_.retry);
    // The wait before the next try after attempt `attempt` failed, or nullopt.
    auto backoff = [&](int attempt, const std::string& why) {
        auto wait = policy.after_failure(attempt);
        if (wait) {
            host_.debug(name_ + ": attempt " + std::to_string(attempt) + " failed (" + why +
                        "), retrying in " + std::to_string(wait->count()) + " ms");
        }
        return wait;
    };
    for (int attempt = 1;; ++attempt) {
        if (cancel_->cancelled()) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
        }
        HttpStream http(options, cancel_);
        int status = 0;
        try {
            status = http.post(request.url, headers, request.body);
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
        host_.debug(name_ + ": POST " + request.url + " -> " + std::to_string(status));

        if (status >= 200 && status < 300) {
            // A web page, a login portal or a non-streaming API answers 200 with another type;
            // parsing it as events would only end in "stream closed", after pointless retries.
            if (const std::string* type = find_header(http.response_headers(), "content-type")) {
                if (const std::string media = media_type(*type);
                    !media.empty() && media != "text/event-stream") {
                    throw CodedError(
                        KLAUDE_ERROR_PROTOCOL, "",
                        one_line("expected an event stream but the server answered "
                                 "HTTP " +
                                 std::to_string(status) + " with " + media + "; check base_url"));
                }
            }
            const std::unique_ptr<SseStreamMapper> mapper = request.mapper(sink);
            SseParser parser;
            try {
                for (;;) {
                    const std::string_view chunk = http.read_some();
                    if (chunk.empty()) {
                        parser.finish(*mapper);
                        break;
                    }
                    parser.feed(chunk, *mapper);
                    if (parser.buffered_bytes() > kMaxEventBytes) {
                        throw CodedError(KLAUDE_ERROR_PROTOCOL, "",
                                         "the server sent an event larger than 8 MiB");
                    }
                    if (mapper->done() || mapper->failure()) {
                        http.finish(kFinishWait);  // the connection can go back to the pool
                        break;
                    }
                    sink.flush();  // one flush per network read
                }
            } catch (const sdk::Error& e) {
                // A stream cut before anything reached the user is a connection failure like
                // any other; after that, a retry would repeat output.
                if (e.status() == KLAUDE_ERROR_NETWORK && !mapper->emitted() &&
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
            mapper->finish();
            sink.flush();
            if (const auto& failure = mapper->failure()) {
                const bool transient =
                    failure->retryable || failure->status == KLAUDE_ERROR_NETWORK;
                if (transient && !mapper->emitted()) {
                    if (auto wait = backoff(attempt, failure->message)) {
                        sleep_or_cancel(*wait);
                        continue;
                    }
                }
                throw CodedError(failure->status, failure->code, one_line(failure->message));
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
        const auto asked = retry_after(http.response_headers());
        const bool waitable = std::find(request.wait_statuses.begin(), request.wait_statuses.end(),
                                        status) != request.wait_statuses.end();
        if (waitable && (status < 500 || asked)) {
            if (auto wait = policy.after_rate_limit(attempt, asked)) {
                host_.debug(name_ + ": HTTP " + std::to_string(status) + ", retrying in " +
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
                         request.describe_error ? request.describe_error(status, error_body)
                                                : http_error_line(status, error_body, ""));
    }
}

}  // namespace klaude::support
