#include "plugins/anthropic/stream_mapper.h"

#include "klaude/support/json.h"

namespace klaude::anthropic {
namespace {

namespace json = support::json;
using json::Value;
using json::Writer;

// A Writer over a buffer that each call starts afresh.
class Payload {
  public:
    Writer& start() {
        buffer_.Clear();
        writer_.Reset(buffer_);
        return writer_;
    }
    std::string_view view() const { return {buffer_.GetString(), buffer_.GetSize()}; }

  private:
    rapidjson::StringBuffer buffer_;
    Writer writer_{buffer_};
};

void write_text_item(Writer& w, std::string_view text) {
    w.StartObject();
    json::write_member(w, "type", "message");
    json::write_member(w, "role", "assistant");
    w.Key("content");
    w.StartArray();
    w.StartObject();
    json::write_member(w, "type", "text");
    json::write_member(w, "text", text);
    w.EndObject();
    w.EndArray();
    w.EndObject();
}

// The reasoning item of a thinking or redacted_thinking block: the block as the API sent it
// rides along in provider_state, for the request builder to send back verbatim.
void write_reasoning_item(Writer& w, const std::string& type, std::string_view text,
                          std::string_view signature) {
    const bool redacted = type == "redacted_thinking";
    w.StartObject();
    json::write_member(w, "type", "reasoning");
    w.Key("summary");
    w.StartArray();
    if (!redacted) {
        json::write_string(w, text);
    }
    w.EndArray();
    w.Key("provider_state");
    w.StartObject();
    json::write_member(w, "type", type);
    if (redacted) {
        json::write_member(w, "data", text);
    } else {
        json::write_member(w, "thinking", text);
        json::write_member(w, "signature", signature);
    }
    w.EndObject();
    w.EndObject();
}

// The status of an in-stream error, by Anthropic's error type.
StreamError stream_error(std::string_view type, std::string_view message) {
    StreamError error;
    error.code.assign(type);
    if (type == "rate_limit_error") {
        error.status = KLAUDE_ERROR_RATE_LIMITED;
    } else if (type == "authentication_error" || type == "permission_error") {
        error.status = KLAUDE_ERROR_AUTH;
    } else {
        error.status = KLAUDE_ERROR_SERVER;
        error.retryable = type == "overloaded_error" || type == "api_error";
    }
    error.message = "server error" +
                    (type.empty() ? std::string() : " (" + std::string(type) + ")") + ": " +
                    (message.empty() ? std::string("the stream failed") : std::string(message));
    return error;
}

}  // namespace

void StreamMapper::Usage::update(const Value& usage) {
    input = json::int_field(usage, "input_tokens").value_or(input);
    cache_creation = json::int_field(usage, "cache_creation_input_tokens").value_or(cache_creation);
    cache_read = json::int_field(usage, "cache_read_input_tokens").value_or(cache_read);
    output = json::int_field(usage, "output_tokens").value_or(output);
}

void StreamMapper::emit(klaude_event_type_t type, std::string_view data) {
    if (pending_created_) {
        const std::string created = std::move(*pending_created_);
        pending_created_.reset();
        sink_.emit(KLAUDE_EVENT_CREATED, created);
    }
    emitted_ = true;
    sink_.emit(type, data);
}

void StreamMapper::fail(StreamError error) {
    if (!json::valid_utf8(error.code)) {
        error.code.clear();
    }
    if (!json::valid_utf8(error.message)) {
        error.message = "the server reported an error in text that is not valid UTF-8";
    }
    if (!error_) {
        error_ = std::move(error);
    }
}

void StreamMapper::on_event(const support::SseEvent& event) {
    if (done_ || error_ || event.data.empty()) {
        return;
    }
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(
        event.data.data(), event.data.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        fail({KLAUDE_ERROR_PROTOCOL, "", "the server sent an event that is not a JSON object",
              false});
        return;
    }
    std::string_view type = json::string_field(doc, "type");
    if (type.empty()) {
        type = event.type;
    }
    if (type == "content_block_delta") {  // the hot path first
        on_block_delta(doc);
    } else if (type == "content_block_start") {
        on_block_start(doc);
    } else if (type == "content_block_stop") {
        on_block_stop(doc);
    } else if (type == "message_start" || type == "message_delta") {
        on_message(doc, type);
    } else if (type == "message_stop") {
        on_message_stop();
    } else if (type == "error") {
        on_error(doc);
    }
    // ping and events this plugin does not know: nothing to do.
}

void StreamMapper::on_message(const Value& event, std::string_view type) {
    if (type == "message_start") {
        const Value* message = json::object_field(event, "message");
        if (message == nullptr) {
            return;
        }
        message_id_.assign(json::string_field(*message, "id"));
        if (const Value* usage = json::object_field(*message, "usage")) {
            usage_.update(*usage);
        }
        rapidjson::StringBuffer buffer;
        Writer w(buffer);
        w.StartObject();
        json::write_member(w, "response_id", message_id_);
        json::write_member(w, "model", json::string_field(*message, "model"));
        w.EndObject();
        if (!emitted_) {
            pending_created_.emplace(buffer.GetString(), buffer.GetSize());
        }
        return;
    }
    if (const Value* delta = json::object_field(event, "delta")) {
        if (std::string_view reason = json::string_field(*delta, "stop_reason"); !reason.empty()) {
            stop_reason_.assign(reason);
        }
    }
    if (const Value* usage = json::object_field(event, "usage")) {
        usage_.update(*usage);
    }
}

void StreamMapper::on_block_start(const Value& event) {
    const Value* content = json::object_field(event, "content_block");
    const auto index = json::int_field(event, "index");
    if (content == nullptr || !index) {
        return;
    }
    Block block;
    block.type.assign(json::string_field(*content, "type"));
    if (block.type == "text") {
        block.text.assign(json::string_field(*content, "text"));
        if (!block.text.empty()) {
            emit(KLAUDE_EVENT_TEXT_DELTA, block.text);
        }
    } else if (block.type == "thinking") {
        if (reasoning_streamed_) {
            emit(KLAUDE_EVENT_REASONING_BREAK, "{}");
        }
        block.text.assign(json::string_field(*content, "thinking"));
        block.signature.assign(json::string_field(*content, "signature"));
        if (!block.text.empty()) {
            reasoning_streamed_ = true;
            emit(KLAUDE_EVENT_REASONING_DELTA, block.text);
        }
    } else if (block.type == "redacted_thinking") {
        block.text.assign(json::string_field(*content, "data"));
    } else if (block.type == "tool_use") {
        block.id.assign(json::string_field(*content, "id"));
        block.name.assign(json::string_field(*content, "name"));
        // The input comes as input_json_delta fragments; a proxy may give it whole here
        // instead, which counts when no fragments follow.
        if (const Value* input = json::object_field(*content, "input");
            input != nullptr && !input->ObjectEmpty()) {
            block.whole_input = json::serialize(*input);
        }
    } else {
        return;  // server tools, citations, … : not klaude's to run or show
    }
    blocks_[*index] = std::move(block);
}

void StreamMapper::on_block_delta(const Value& event) {
    const auto index = json::int_field(event, "index");
    const Value* delta = json::object_field(event, "delta");
    if (!index || delta == nullptr) {
        return;
    }
    auto it = blocks_.find(*index);
    if (it == blocks_.end()) {
        return;
    }
    Block& block = it->second;
    const std::string_view type = json::string_field(*delta, "type");
    if (type == "text_delta") {
        if (std::string_view text = json::string_field(*delta, "text"); !text.empty()) {
            block.text.append(text);
            emit(KLAUDE_EVENT_TEXT_DELTA, text);
        }
    } else if (type == "thinking_delta") {
        if (std::string_view text = json::string_field(*delta, "thinking"); !text.empty()) {
            block.text.append(text);
            reasoning_streamed_ = true;
            emit(KLAUDE_EVENT_REASONING_DELTA, text);
        }
    } else if (type == "signature_delta") {
        block.signature.append(json::string_field(*delta, "signature"));
    } else if (type == "input_json_delta" && block.type == "tool_use") {
        block.text.append(json::string_field(*delta, "partial_json"));
    }
}

void StreamMapper::on_block_stop(const Value& event) {
    const auto index = json::int_field(event, "index");
    if (!index) {
        return;
    }
    auto it = blocks_.find(*index);
    if (it == blocks_.end()) {
        return;
    }
    const Block block = std::move(it->second);
    blocks_.erase(it);
    Payload payload;
    if (block.type == "text") {
        if (!block.text.empty()) {
            write_text_item(payload.start(), block.text);
            emit(KLAUDE_EVENT_OUTPUT_ITEM, payload.view());
        }
    } else if (block.type == "thinking" || block.type == "redacted_thinking") {
        write_reasoning_item(payload.start(), block.type, block.text, block.signature);
        emit(KLAUDE_EVENT_OUTPUT_ITEM, payload.view());
    } else if (block.type == "tool_use") {
        const std::string& arguments = !block.text.empty()          ? block.text
                                       : !block.whole_input.empty() ? block.whole_input
                                                                    : "{}";
        if (!json::valid_utf8(arguments)) {
            fail(
                {KLAUDE_ERROR_PROTOCOL, "", "the server sent tool input that is not UTF-8", false});
            return;
        }
        for (bool as_item : {true, false}) {
            Writer& w = payload.start();
            w.StartObject();
            if (as_item) {
                json::write_member(w, "type", "function_call");
            }
            json::write_member(w, "call_id", block.id);
            json::write_member(w, "name", block.name);
            json::write_member(w, "arguments", arguments);
            w.EndObject();
            emit(as_item ? KLAUDE_EVENT_OUTPUT_ITEM : KLAUDE_EVENT_TOOL_CALL, payload.view());
        }
    }
}

void StreamMapper::on_error(const Value& event) {
    const Value* error = json::object_field(event, "error");
    fail(stream_error(error != nullptr ? json::string_field(*error, "type") : "",
                      error != nullptr ? json::string_field(*error, "message") : ""));
}

void StreamMapper::on_message_stop() {
    Payload payload;
    const int64_t input = usage_.input + usage_.cache_creation + usage_.cache_read;
    Writer& u = payload.start();
    u.StartObject();
    u.Key("input_tokens");
    u.Int64(input);
    u.Key("cached_input_tokens");
    u.Int64(usage_.cache_read);
    u.Key("output_tokens");
    u.Int64(usage_.output);
    u.Key("reasoning_tokens");
    u.Int64(0);  // Anthropic counts thinking in output_tokens and reports no split
    u.Key("total_tokens");
    u.Int64(input + usage_.output);
    u.EndObject();
    emit(KLAUDE_EVENT_USAGE, payload.view());

    const char* reason = stop_reason_ == "max_tokens"                      ? "max_output_tokens"
                         : stop_reason_ == "refusal"                       ? "content_filter"
                         : stop_reason_ == "pause_turn"                    ? "pause_turn"
                         : stop_reason_ == "model_context_window_exceeded" ? "context_window"
                                                                           : nullptr;
    Writer& done = payload.start();
    done.StartObject();
    json::write_member(done, "response_id", message_id_);
    json::write_member(done, "status", reason != nullptr ? "incomplete" : "completed");
    if (reason != nullptr) {
        json::write_member(done, "reason", reason);
    }
    done.EndObject();
    emit(KLAUDE_EVENT_COMPLETED, payload.view());
    done_ = true;
}

void StreamMapper::finish() {
    if (!done_ && !error_) {
        fail({KLAUDE_ERROR_NETWORK, "", "stream closed before the answer finished", false});
    }
}

}  // namespace klaude::anthropic
