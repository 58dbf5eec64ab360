// Maps a Messages API stream (server-sent events whose data is a JSON object with a "type") to
// klaude events (klaude/abi/events.h):
//
//   message_start                      -> CREATED {"response_id": message.id, "model"}, held
//                                         back until the first other event so that a failure
//                                         before any output can still be retried; usage noted
//   content_block_start text           -> a text block (its initial text, if any, as a delta)
//   content_block_start thinking       -> a thinking block; REASONING_BREAK when an earlier
//                                         thinking block of this answer streamed text
//   content_block_start redacted_thinking, tool_use -> collected
//   content_block_delta text_delta     -> TEXT_DELTA
//   content_block_delta thinking_delta -> REASONING_DELTA
//   content_block_delta signature_delta, input_json_delta -> collected (partial JSON joined)
//   content_block_stop                 -> the finished block as an OUTPUT_ITEM:
//       text               {"type":"message","role":"assistant","content":[{"type":"text",…}]}
//       thinking           {"type":"reasoning","summary":["<thinking>"],"provider_state":
//                           {"type":"thinking","thinking":"…","signature":"…"}}
//       redacted_thinking  {"type":"reasoning","summary":[],"provider_state":
//                           {"type":"redacted_thinking","data":"…"}}
//       tool_use           {"type":"function_call","call_id","name","arguments"} and TOOL_CALL
//                          with the same call_id, name and arguments ("{}" for an empty input)
//   message_delta                      -> stop_reason and usage noted (the last one counts)
//   message_stop                       -> USAGE, then COMPLETED: end_turn, tool_use,
//                                         stop_sequence: "completed"; max_tokens: incomplete
//                                         "max_output_tokens"; refusal: incomplete
//                                         "content_filter"; pause_turn: incomplete "pause_turn"
//   error                              -> error() set: overloaded_error and api_error SERVER
//                                         (retryable), rate_limit_error RATE_LIMITED,
//                                         authentication_error and permission_error AUTH
//   ping, unknown events, block types and fields: ignored
// Usage: input = input_tokens + cache_creation_input_tokens + cache_read_input_tokens, cached
// = cache_read_input_tokens, output = output_tokens, total = input + output; message_delta's
// values replace message_start's. A body that ends without message_stop is an error
// (KLAUDE_ERROR_NETWORK, "stream closed before the answer finished").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <rapidjson/document.h>

#include "klaude/abi/status.h"
#include "klaude/sdk/event_sink.hpp"
#include "klaude/support/sse_client.h"

namespace klaude::anthropic {

// retryable: the server asked for another try (overloaded, api_error).
using StreamError = support::StreamFailure;

class StreamMapper : public support::SseStreamMapper {
  public:
    explicit StreamMapper(const sdk::EventSink& sink) : sink_(sink) {}

    void on_event(const support::SseEvent& event) override;

    // The body ended: sets error() unless message_stop came. Does nothing once done or failed.
    void finish() override;

    // message_stop was read (COMPLETED emitted): the caller can stop reading.
    bool done() const override { return done_; }
    const std::optional<StreamError>& error() const { return error_; }
    const std::optional<StreamError>& failure() const override { return error_; }
    // True once any event reached the sink: a retry would repeat output.
    bool emitted() const override { return emitted_; }

  private:
    struct Block {
        std::string type;  // text, thinking, redacted_thinking, tool_use
        std::string text;  // text, thinking text, redacted data, or the tool input JSON
        std::string signature;
        std::string whole_input;  // tool_use: an input given whole in content_block_start
        std::string id;
        std::string name;
    };
    struct Usage {
        int64_t input = 0;
        int64_t cache_creation = 0;
        int64_t cache_read = 0;
        int64_t output = 0;
        void update(const rapidjson::Value& usage);
    };

    void on_message(const rapidjson::Value& event, std::string_view type);
    void on_block_start(const rapidjson::Value& event);
    void on_block_delta(const rapidjson::Value& event);
    void on_block_stop(const rapidjson::Value& event);
    void on_error(const rapidjson::Value& event);
    void on_message_stop();
    void emit(klaude_event_type_t type, std::string_view data);
    void fail(StreamError error);

    sdk::EventSink sink_;
    std::optional<std::string> pending_created_;
    bool done_ = false;
    bool emitted_ = false;
    bool reasoning_streamed_ = false;  // a thinking block of this answer streamed text
    std::optional<StreamError> error_;
    std::string message_id_;
    std::string stop_reason_;
    Usage usage_;
    std::map<int64_t, Block> blocks_;  // open blocks by index
};

}  // namespace klaude::anthropic
