// Maps Responses API stream events (JSON in SSE `data:`) to klaude events (klaude/abi/events.h):
//
//   response.created                        -> CREATED {"response_id","model"}
//   response.output_text.delta / refusal    -> TEXT_DELTA (pointer + length, no re-encoding)
//   response.reasoning_summary_text.delta,
//   response.reasoning_text.delta           -> REASONING_DELTA
//   response.reasoning_summary_part.added   -> REASONING_BREAK (from the second part on)
//   response.function_call_arguments.delta  -> collected, in case .done lacks the arguments
//   response.output_item.done               -> OUTPUT_ITEM (message, reasoning with
//                                              encrypted_content, function_call) and, for a
//                                              function_call, TOOL_CALL
//   response.completed / response.incomplete -> USAGE, then COMPLETED
//   response.failed, top-level error        -> error() set; the client reports it
// Other event types are ignored. Events after the end (completion or error) are ignored.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "klaude/abi/status.h"
#include "klaude/sdk/event_sink.hpp"
#include "plugins/responses/support.h"

namespace klaude::responses {

struct StreamError {
    klaude_status_t status = KLAUDE_ERROR_SERVER;
    std::string code;     // the server's error code, may be empty
    std::string message;  // one line for the user
};

class EventMapper : public SseParser::Handler {
  public:
    explicit EventMapper(const sdk::EventSink& sink) : sink_(sink) {}

    void on_event(const SseEvent& event) override;

    // True once COMPLETED was emitted.
    bool completed() const { return completed_; }
    // Set when the server reported a failure (or sent something unreadable).
    const std::optional<StreamError>& error() const { return error_; }
    // True once any event reached the sink: from then on a retry would duplicate output.
    bool emitted() const { return emitted_; }
    // Events handled (for benchmarks).
    size_t events_seen() const { return events_seen_; }

  private:
    void emit(klaude_event_type_t type, std::string_view data);
    void emit_json(klaude_event_type_t type);  // emits what json_ holds
    void on_created(const rapidjson::Value& response);
    void on_item_done(const rapidjson::Value& item);
    void on_finished(const rapidjson::Value& response, bool incomplete);
    void on_failed(const rapidjson::Value& response);
    void on_error_event(const rapidjson::Value& event);
    void fail(klaude_status_t status, std::string code, std::string message);
    std::string take_arguments(std::string_view item_id);

    using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
    Writer& start_json();

    sdk::EventSink sink_;
    bool completed_ = false;
    bool emitted_ = false;
    std::optional<StreamError> error_;
    size_t events_seen_ = 0;
    std::string response_id_;
    // Arguments streamed per function_call item id (a stream rarely has more than a few).
    std::vector<std::pair<std::string, std::string>> arguments_;
    // Reused between events so that a long stream does not allocate per event.
    // Both parser pools start in fixed buffers and are cleared after every event.
    char value_buffer_[16384];
    char stack_buffer_[4096];
    rapidjson::MemoryPoolAllocator<> value_pool_{value_buffer_, sizeof value_buffer_};
    rapidjson::MemoryPoolAllocator<> stack_pool_{stack_buffer_, sizeof stack_buffer_};
    std::string insitu_;  // the event being parsed in place (reused between events)
    rapidjson::StringBuffer json_;
    Writer writer_{json_};
};

// The klaude status for a Responses error code ("rate_limit_exceeded" -> RATE_LIMITED ...).
klaude_status_t status_for_error_code(std::string_view code);

}  // namespace klaude::responses
