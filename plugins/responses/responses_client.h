// The OpenAI Responses API client: POST {base_url}/responses with `stream: true`, parse the
// server-sent events and deliver them as klaude events (klaude/abi/events.h).
//
// This class is also the base of other Responses-shaped providers: plugins/codex subclasses
// it (linking the static library klaude_responses) and overrides the protected hooks below.
//
// One attempt of stream():
//   1. build the body from the provider-neutral request (request_builder.h), then finish_body()
//   2. headers: Content-Type, Accept: text/event-stream, then add_headers(), then the
//      configured headers (they win)
//   3. POST endpoint_url(); on HTTP errors describe_http_error() makes the message
//   4. on 200, forward rate-limit headers (rate_limit_event()), parse SSE, emit events
// Retries (all before anything reached the sink except the rate-limit event): 5xx and
// connection failures with exponential backoff + jitter; 429 only when retry-after is short;
// one retry after a 401 when refresh_after_unauthorized() says the credentials changed.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <Poco/Net/Context.h>
#include <rapidjson/document.h>

#include "klaude/sdk/client.hpp"
#include "klaude/sdk/host.hpp"
#include "plugins/responses/responses_config.h"

namespace klaude::support {
class CancelSignal;
class ConnectionPool;
}  // namespace klaude::support

namespace klaude::responses {

class ResponsesClient : public sdk::LlmClient {
  public:
    ResponsesClient(ResponsesConfig config, sdk::Host host);
    ~ResponsesClient() override;

    // [one call at a time] Sends the request and streams events into `sink` until
    // response.completed / response.incomplete. Throws sdk::Error (after emitting
    // KLAUDE_EVENT_ERROR) on failure.
    void stream(std::string_view request_json, const sdk::EventSink& sink) override;

    // [thread-safe] Aborts a running stream() or list_models() within ~100 ms
    // (KLAUDE_ERROR_CANCELLED).
    void cancel() noexcept override;

    // [main-thread] ABI 1.1: GET models_url() with the request headers (add_headers), turned
    // into a catalog by catalog_from_response(); within `timeout`. A 401 is retried once after
    // refresh_after_unauthorized(); other errors throw with describe_http_error()'s message.
    std::string list_models(std::chrono::milliseconds timeout) override;

  protected:
    // The URL the request is POSTed to. Default: config().base_url + "/responses".
    virtual std::string endpoint_url() const;

    // The URL list_models GETs. Default: config().base_url + "/models".
    virtual std::string models_url() const;

    // The catalog document (docs/plugin-authoring.md) for the models request's 2xx answer.
    // Default: the OpenAI list merged with known metadata (openai_models.h). Throws
    // sdk::Error(KLAUDE_ERROR_PROTOCOL) when the answer cannot be read.
    virtual std::string catalog_from_response(const std::string& body) const;

    // Adds request headers. Called before EVERY attempt (so a token refreshed after a 401 is
    // picked up). `headers` already holds Content-Type and Accept; the configured headers are
    // applied after this hook and override same-named ones. Default: "Authorization: Bearer
    // <key>" from the env var config().api_key_env; throws sdk::Error(KLAUDE_ERROR_NOT_LOGGED_IN)
    // when api_key_env is set but the variable is empty. session_id() is valid here.
    // Never log the values: they are secrets.
    virtual void add_headers(HeaderList& headers);

    // Adds the headers of the models request (list_models), which starts with "Accept:
    // application/json". Default: add_headers(). Same rules as add_headers.
    virtual void add_models_headers(HeaderList& headers);

    // Post-processes the request body built from the provider-neutral request (e.g. force
    // "store":false, drop fields the backend rejects). Called once per stream(), before the
    // first attempt. Default: no-op.
    virtual void finish_body(rapidjson::Document& body);

    // Called at most once per stream() after a 401. Return true when the credentials were
    // refreshed and the request should be sent again (add_headers runs again). Default: false.
    // May block (network); should respect cancellation via host().cancelled().
    virtual bool refresh_after_unauthorized();

    // The one-line message for an HTTP error response (status >= 400). `headers` are the
    // response headers with lower-case names; `body` is at most 64 KiB of the response body.
    // The status code decides the klaude status (401/403 AUTH, 429 RATE_LIMITED, other
    // SERVER); this decides only the text. Default: 401/403 say to check the key named by
    // api_key_env; 400 and other 4xx give the server's error.message / detail; 429 says when
    // the limit resets (retry-after, x-ratelimit-reset-*); 5xx "server error N". Never include
    // secrets.
    virtual std::string describe_http_error(int status, const std::string& body,
                                            const HeaderList& headers) const;

    // The KLAUDE_EVENT_RATE_LIMIT payload for the response headers, or "" for none. Default:
    // {"headers":{every x-ratelimit-* and x-codex-* header}} plus primary_used_percent /
    // secondary_used_percent / resets_at when x-codex-primary-used-percent,
    // x-codex-secondary-used-percent, x-codex-primary-reset-at are present.
    virtual std::string rate_limit_event(const HeaderList& headers) const;

    // True when a 429 must not be retried whatever retry-after says (quota exhausted).
    // Default: error code/type usage_limit_reached or insufficient_quota in the body.
    virtual bool is_hard_rate_limit(const std::string& body) const;

    const sdk::Host& host() const noexcept { return host_; }
    const ResponsesConfig& config() const noexcept { return config_; }
    // The "session_id" of the request being streamed ("" when none). Valid during stream().
    const std::string& session_id() const noexcept { return session_id_; }

    // The transport options for a request to `url` (any method): the configured timeouts and
    // proxy setting, the TLS context (made on the first https:// URL, then reused) and this
    // client's connection pool (none when options.keep_alive is false), so every request of
    // the client, streamed or not, shares its kept-alive connections. Not thread-safe: call
    // it from the thread that streams.
    support::HttpOptions http_options(const std::string& url);

  private:
    void run(std::string_view request_json, const sdk::EventSink& sink);
    void sleep_or_cancel(std::chrono::milliseconds wait);

    ResponsesConfig config_;
    sdk::Host host_;
    std::string session_id_;
    std::shared_ptr<support::CancelSignal> cancel_;
    Poco::Net::Context::Ptr tls_context_;  // made on the first https:// request, then reused
    // Idle kept-alive connections, for the client's lifetime; null when keep_alive is off.
    std::shared_ptr<support::ConnectionPool> pool_;
};

}  // namespace klaude::responses
