// The Chat Completions client: POST {base_url}/chat/completions with `stream: true`, read the
// server-sent chunks and deliver them as klaude events (stream_mapper.h); GET {base_url}/models
// as the live catalog (ABI 1.1). One connection pool per client keeps the connection alive
// between calls (options.keep_alive).
//
// One stream(): build the body (request_builder.h); headers Content-Type, Accept, User-Agent,
// Authorization: Bearer $api_key_env when api_key_env is set, then the configured headers
// (they win); POST; on 2xx parse the stream, one FLUSH per network read; on an error answer one
// line (chat_errors.h). Retries (before anything reached the sink), the event stream, FLUSH
// per read and cancellation are support::SseClient's (klaude/support/sse_client.h).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "klaude/sdk/client.hpp"
#include "klaude/sdk/host.hpp"
#include "klaude/support/sse_client.h"
#include "plugins/chat/chat_config.h"

namespace klaude::chat {

class ChatClient : public sdk::LlmClient {
  public:
    ChatClient(ChatConfig config, sdk::Host host);
    ~ChatClient() override;

    void stream(std::string_view request_json, const sdk::EventSink& sink) override;
    void cancel() noexcept override;
    // {"models":[{"id","display_name"}…]} in the order the server lists them. 404/405/501:
    // KLAUDE_ERROR_UNSUPPORTED (no models list on this server).
    std::string list_models(std::chrono::milliseconds timeout) override;

    const ChatConfig& config() const noexcept { return config_; }

  private:
    HeaderList request_headers(const char* accept) const;

    ChatConfig config_;
    sdk::Host host_;
    support::SseClient http_;  // the streaming call, retries, cancel, the connection pool
};

// The catalog document for an OpenAI-style models list ({"data":[{"id"}…]}). Throws
// sdk::Error(KLAUDE_ERROR_PROTOCOL) when the body is not one.
std::string catalog_from_models_list(std::string_view body);

}  // namespace klaude::chat
