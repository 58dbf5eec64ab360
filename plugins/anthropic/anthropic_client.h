// The Messages API client: POST {base_url}/v1/messages with `stream: true`, read the
// server-sent events and deliver them as klaude events (stream_mapper.h); GET
// {base_url}/v1/models, page by page, as the live catalog (ABI 1.1). One connection pool per
// client keeps the connection alive between calls (options.keep_alive).
//
// One stream(): build the body (request_builder.h); headers Content-Type, Accept, User-Agent,
// x-api-key from $api_key_env, anthropic-version, then the configured headers (they win);
// POST; on 2xx parse the stream, one FLUSH per network read; on an error answer one line
// (anthropic_errors.h). Retries happen only before anything reached the sink: 5xx (529
// "overloaded" included) and connection failures with backoff, 429 and a 529 that says
// retry-after when the wait is short, and an in-stream overloaded_error / api_error. The
// loop, FLUSH per read and cancellation are support::SseClient's (klaude/support/sse_client.h).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "klaude/sdk/client.hpp"
#include "klaude/sdk/host.hpp"
#include "klaude/support/sse_client.h"
#include "plugins/anthropic/anthropic_config.h"

namespace klaude::anthropic {

// The most pages list_models reads (1000 models each): a server that always says has_more
// must not keep the host waiting.
inline constexpr int kMaxModelPages = 10;

class AnthropicClient : public sdk::LlmClient {
  public:
    AnthropicClient(AnthropicConfig config, sdk::Host host);
    ~AnthropicClient() override;

    void stream(std::string_view request_json, const sdk::EventSink& sink) override;
    void cancel() noexcept override;
    // The models list (all pages, in the server's order: newest first) merged with the model
    // table (anthropic_models.h). 404/405/501: KLAUDE_ERROR_UNSUPPORTED.
    std::string list_models(std::chrono::milliseconds timeout) override;

    const AnthropicConfig& config() const noexcept { return config_; }

  private:
    HeaderList request_headers(const char* accept) const;

    AnthropicConfig config_;
    sdk::Host host_;
    support::SseClient http_;  // the streaming call, retries, cancel, the connection pool
};

}  // namespace klaude::anthropic
