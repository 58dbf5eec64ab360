// The streaming call of an HTTP provider whose API answers with server-sent events: what the
// bundled chat and anthropic plugins share, for a third one to reuse.
//
// One SseClient per klaude client. stream() POSTs the request and feeds the event stream to a
// protocol's mapper (your SseStreamMapper: it turns server events into klaude events on the
// sink), and owns everything around it:
//  - retries, only before anything reached the sink (RetryPolicy): connection failures, 5xx
//    and streams cut before the first event with backoff; 429 (and the statuses you name, such
//    as Anthropic's 529) after the server's retry-after; a failure your mapper marks retryable
//    (an in-stream "overloaded") with backoff;
//  - a 2xx that is not text/event-stream (a login portal, a wrong base_url) is one clear line;
//  - one KLAUDE_EVENT_FLUSH per network read;
//  - cancellation: cancel() from any thread and the host's Ctrl-C flag abort the socket at
//    once; the call then fails with KLAUDE_ERROR_CANCELLED;
//  - on failure, the KLAUDE_EVENT_ERROR event ({"status","code","message"}) before the
//    sdk::Error that the SDK turns into the stream's status.
// Connections are kept alive between calls (TransportSettings::keep_alive) and shared with the
// client's other requests through http_options() (a models list, say).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "klaude/abi/status.h"
#include "klaude/sdk/error.hpp"
#include "klaude/sdk/event_sink.hpp"
#include "klaude/sdk/host.hpp"
#include "klaude/support/cancel_signal.h"
#include "klaude/support/connection_pool.h"
#include "klaude/support/http_stream.h"
#include "klaude/support/provider_config.h"
#include "klaude/support/sse_parser.h"

namespace klaude::support {

// A failure the stream itself reported (an error event, a cut, a missing end marker).
struct StreamFailure {
    klaude_status_t status = KLAUDE_ERROR_SERVER;
    std::string code;        // the server's reason ("overloaded_error"); may be empty
    std::string message;     // one line
    bool retryable = false;  // transient on the server's side: worth another try
};

// A protocol's reading of one response's event stream. A new one per attempt.
class SseStreamMapper : public SseParser::Handler {
  public:
    // The protocol's last event arrived: the call stops reading.
    virtual bool done() const = 0;
    // The body ended: emit what the end means (usage, COMPLETED) or set failure() when the
    // protocol's end marker is missing. Called once, also after done().
    virtual void finish() = 0;
    virtual const std::optional<StreamFailure>& failure() const = 0;
    // Something reached the sink: from here on a retry would repeat output.
    virtual bool emitted() const = 0;
};

// An sdk::Error with the server's reason code, which the ERROR event carries.
class CodedError : public sdk::Error {
  public:
    CodedError(klaude_status_t status, std::string code, const std::string& message)
        : sdk::Error(status, message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

  private:
    std::string code_;
};

struct SseRequest {
    std::string url;
    std::string body;    // JSON, sent with Content-Type: application/json
    HeaderList headers;  // the rest (Accept: text/event-stream is added when missing)
    // A fresh mapper for each attempt, writing to `sink`.
    std::function<std::unique_ptr<SseStreamMapper>(const sdk::EventSink& sink)> mapper;
    // The one-line message for an error answer (the server's words and your advice); default
    // http_error_line().
    std::function<std::string(int status, const std::string& body)> describe_error;
    // Error statuses retried after the server's retry-after (within the retry caps). A 5xx
    // here without retry-after is retried with backoff like any 5xx.
    std::vector<int> wait_statuses{429};
};

class SseClient {
  public:
    // `name` prefixes the debug log lines ("anthropic: POST … -> 200").
    SseClient(TransportSettings settings, sdk::Host host, std::string name);
    ~SseClient();
    SseClient(const SseClient&) = delete;
    SseClient& operator=(const SseClient&) = delete;

    // [thread-safe] Stops the running call.
    void cancel() noexcept;

    // One streaming call. `prepare` builds the request (it may throw sdk::Error, reported
    // like any failure). Returns after the mapper's finish() with no failure; otherwise sends
    // the ERROR event to `sink` and throws sdk::Error (KLAUDE_ERROR_CANCELLED once cancelled).
    void stream(const std::function<SseRequest()>& prepare, const sdk::EventSink& sink);

    // For the client's other requests (a models list): call begin_call() first (it forgets an
    // earlier cancel and watches the host's Ctrl-C flag while it lives), then make an
    // HttpStream with http_options() and cancel_signal().
    [[nodiscard]] std::unique_ptr<HostCancelWatcher> begin_call();
    HttpOptions http_options(const std::string& url);
    const std::shared_ptr<CancelSignal>& cancel_signal() const { return cancel_; }
    const TransportSettings& settings() const { return settings_; }

  private:
    void run(const SseRequest& request, const sdk::EventSink& sink);
    void sleep_or_cancel(std::chrono::milliseconds wait);

    TransportSettings settings_;
    sdk::Host host_;
    std::string name_;
    std::shared_ptr<CancelSignal> cancel_;
    Poco::Net::Context::Ptr tls_context_;
    std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace klaude::support
