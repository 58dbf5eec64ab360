// Maps a Chat Completions stream (`data:` chunks of chat.completion.chunk JSON, then
// `data: [DONE]`) to klaude events (klaude/abi/events.h):
//
//   first chunk with an id or model          -> CREATED {"response_id","model"}
//   choices[0].delta.content (string)        -> TEXT_DELTA; also a content array's text parts
//   choices[0].delta.refusal                 -> TEXT_DELTA
//   delta.reasoning_content / .reasoning,    -> REASONING_DELTA
//   a content array's thinking parts
//   delta.tool_calls[i] by `index`           -> collected: id, function.name, argument fragments
//                                               concatenated; a call without id gets one
//   choices[0].finish_reason                 -> remembered
//   usage (any chunk, usually the last)      -> remembered
//   a chunk {"error":{…}}                    -> error() set (servers that fail mid-stream)
// At the end (finish(): [DONE] or the end of the body), in the order the Responses plugin uses:
//   OUTPUT_ITEM message (the whole text, when there is any), then for each tool call by index
//   OUTPUT_ITEM function_call + TOOL_CALL, then USAGE, then COMPLETED: status "completed", or
//   "incomplete" with reason "max_output_tokens" (finish_reason length) or "content_filter".
// A body that ends with neither [DONE] nor a finish_reason is an error (KLAUDE_ERROR_NETWORK,
// "stream closed before the answer finished"). Unknown fields and chunks are ignored; chunks
// after [DONE] too. Other choices than index 0 (n > 1) are ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "klaude/abi/status.h"
#include "klaude/sdk/event_sink.hpp"
#include "klaude/support/sse_client.h"

namespace klaude::chat {

using StreamError = support::StreamFailure;

class StreamMapper : public support::SseStreamMapper {
  public:
    explicit StreamMapper(const sdk::EventSink& sink) : sink_(sink) {}

    void on_event(const support::SseEvent& event) override;

    // The body ended (or [DONE] came): emits the items, usage and COMPLETED, or sets error().
    // Does nothing once completed or failed.
    void finish() override;

    // True once [DONE] was read: the caller can stop reading.
    bool done() const override { return done_; }
    bool completed() const { return completed_; }
    const std::optional<StreamError>& error() const { return error_; }
    const std::optional<StreamError>& failure() const override { return error_; }
    // True once any event reached the sink: a retry would repeat output.
    bool emitted() const override { return emitted_; }

  private:
    struct ToolCall {
        int64_t index = 0;
        std::string id;
        std::string name;
        std::string arguments;
    };

    void on_chunk(const rapidjson::Value& chunk);
    void on_delta(const rapidjson::Value& delta);
    void on_tool_call(const rapidjson::Value& call);
    void emit(klaude_event_type_t type, std::string_view data);
    void fail(klaude_status_t status, std::string code, std::string message);

    sdk::EventSink sink_;
    bool created_ = false;
    bool done_ = false;
    bool completed_ = false;
    bool emitted_ = false;
    std::optional<StreamError> error_;
    std::string response_id_;
    std::string text_;
    std::string finish_reason_;
    std::vector<ToolCall> calls_;
    std::optional<std::string> usage_;  // the USAGE payload
};

// A tool call id for a server that sent none: "call_" and 24 random letters and digits.
std::string make_call_id();

}  // namespace klaude::chat
