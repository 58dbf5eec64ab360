#include "plugins/responses/event_mapper.h"

#include <cstring>

#include "klaude/support/json.h"

namespace klaude::responses {
namespace {

namespace json = support::json;
using rapidjson::Value;
using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>,
                                            rapidjson::MemoryPoolAllocator<>>;

int64_t int_member(const Value* object, const char* name) {
    return object != nullptr ? json::int_field(*object, name).value_or(0) : 0;
}

int64_t summary_index(const Value& event) {
    auto it = event.FindMember("summary_index");
    return it != event.MemberEnd() && it->value.IsInt64() ? it->value.GetInt64() : 0;
}

}  // namespace

klaude_status_t status_for_error_code(std::string_view code) {
    if (code == "rate_limit_exceeded" || code == "insufficient_quota" ||
        code == "usage_limit_reached" || code == "usage_not_included") {
        return KLAUDE_ERROR_RATE_LIMITED;
    }
    if (code == "invalid_api_key" || code == "unauthorized") {
        return KLAUDE_ERROR_AUTH;
    }
    return KLAUDE_ERROR_SERVER;
}

void EventMapper::emit(klaude_event_type_t type, std::string_view data) {
    // Everything downstream (terminal, --json lines, session files) takes text as UTF-8; bytes
    // that are not would reach stdout raw. A server sending them is broken: stop there.
    if (!json::valid_utf8(data)) {
        fail(KLAUDE_ERROR_PROTOCOL, "", "the server sent text that is not valid UTF-8");
        return;
    }
    emitted_ = true;
    sink_.emit(type, data);
}

EventMapper::Writer& EventMapper::start_json() {
    json_.Clear();
    writer_.Reset(json_);
    return writer_;
}

void EventMapper::emit_json(klaude_event_type_t type) {
    emit(type, std::string_view(json_.GetString(), json_.GetSize()));
}

void EventMapper::fail(klaude_status_t status, std::string code, std::string message) {
    if (!json::valid_utf8(code)) {
        code.clear();
    }
    if (!json::valid_utf8(message)) {
        message = "the server reported an error in text that is not valid UTF-8";
    }
    if (!error_) {
        error_ = StreamError{status, std::move(code), std::move(message)};
    }
}

void EventMapper::on_event(const SseEvent& event) {
    ++events_seen_;
    if (completed_ || error_) {
        return;  // the response is over; trailing events ([DONE], duplicates) do not matter
    }
    if (event.data == "[DONE]") {
        return;
    }
    Document doc(&value_pool_, 1024, &stack_pool_);
    // In-situ parsing decodes strings in a reused copy of the event instead of building them on
    // RapidJSON's parse stack, which grows to ~3x a long string and never gives memory back:
    // a 1 MiB closing event (output_text.done repeats the whole answer) cost ~3 MiB of peak RSS.
    // Iterative, not recursive: the nesting depth is the server's to choose, and 200000 '['
    // in one event overflowed the thread's stack (found with fuzz_event_mapper).
    insitu_.assign(event.data.data(), event.data.size());
    doc.ParseInsitu<rapidjson::kParseIterativeFlag>(insitu_.data());
    struct ClearPools {
        EventMapper& m;
        ~ClearPools() {
            m.value_pool_.Clear();
            m.stack_pool_.Clear();
        }
    } clear_pools{*this};
    if (doc.HasParseError() || !doc.IsObject()) {
        fail(KLAUDE_ERROR_PROTOCOL, "", "the server sent an event that is not a JSON object");
        return;
    }
    // The JSON names the type; the SSE `event:` line is only a fallback for servers that omit it.
    std::string_view type = json::string_field(doc, "type");
    if (type.empty()) {
        type = event.type;
    }

    if (type == "response.output_text.delta" || type == "response.refusal.delta") {
        std::string_view delta = json::string_field(doc, "delta");
        if (!delta.empty()) {
            emit(KLAUDE_EVENT_TEXT_DELTA, delta);
        }
    } else if (type == "response.reasoning_summary_text.delta" ||
               type == "response.reasoning_text.delta") {
        std::string_view delta = json::string_field(doc, "delta");
        if (!delta.empty()) {
            emit(KLAUDE_EVENT_REASONING_DELTA, delta);
        }
    } else if (type == "response.reasoning_summary_part.added") {
        if (summary_index(doc) > 0) {
            emit(KLAUDE_EVENT_REASONING_BREAK, "{}");
        }
    } else if (type == "response.function_call_arguments.delta") {
        std::string_view id = json::string_field(doc, "item_id");
        std::string_view delta = json::string_field(doc, "delta");
        auto it = arguments_.begin();
        while (it != arguments_.end() && it->first != id) {
            ++it;
        }
        if (it == arguments_.end()) {
            arguments_.emplace_back(std::string(id), std::string());
            it = arguments_.end() - 1;
        }
        it->second.append(delta);
    } else if (type == "response.output_item.done") {
        if (const Value* item = json::object_field(doc, "item")) {
            on_item_done(*item);
        }
    } else if (type == "response.created") {
        if (const Value* response = json::object_field(doc, "response")) {
            on_created(*response);
        }
    } else if (type == "response.completed" || type == "response.incomplete") {
        static const Value empty(rapidjson::kObjectType);
        const Value* response = json::object_field(doc, "response");
        on_finished(response != nullptr ? *response : empty, type == "response.incomplete");
    } else if (type == "response.failed") {
        static const Value empty(rapidjson::kObjectType);
        const Value* response = json::object_field(doc, "response");
        on_failed(response != nullptr ? *response : empty);
    } else if (type == "error") {
        on_error_event(doc);
    }
}

void EventMapper::on_created(const Value& response) {
    response_id_.assign(json::string_field(response, "id"));
    Writer& w = start_json();
    w.StartObject();
    w.Key("response_id");
    json::write_string(w, response_id_);
    w.Key("model");
    json::write_string(w, json::string_field(response, "model"));
    w.EndObject();
    emit_json(KLAUDE_EVENT_CREATED);
}

std::string EventMapper::take_arguments(std::string_view item_id) {
    for (auto it = arguments_.begin(); it != arguments_.end(); ++it) {
        if (it->first == item_id) {
            std::string args = std::move(it->second);
            arguments_.erase(it);
            return args;
        }
    }
    return {};
}

void EventMapper::on_item_done(const Value& item) {
    std::string_view type = json::string_field(item, "type");
    if (type == "message") {
        Writer& w = start_json();
        w.StartObject();
        w.Key("type");
        w.String("message");
        w.Key("role");
        std::string_view role = json::string_field(item, "role");
        json::write_string(w, role.empty() ? std::string_view("assistant") : role);
        w.Key("content");
        w.StartArray();
        if (auto it = item.FindMember("content"); it != item.MemberEnd() && it->value.IsArray()) {
            for (const Value& part : it->value.GetArray()) {
                std::string_view part_type = json::string_field(part, "type");
                std::string_view text = part_type == "refusal" ? json::string_field(part, "refusal")
                                                               : json::string_field(part, "text");
                if (part_type == "output_text" || part_type == "refusal") {
                    w.StartObject();
                    w.Key("type");
                    w.String("text");
                    w.Key("text");
                    json::write_string(w, text);
                    w.EndObject();
                }
            }
        }
        w.EndArray();
        w.EndObject();
        emit_json(KLAUDE_EVENT_OUTPUT_ITEM);
    } else if (type == "reasoning") {
        Writer& w = start_json();
        w.StartObject();
        w.Key("type");
        w.String("reasoning");
        w.Key("id");
        json::write_string(w, json::string_field(item, "id"));
        w.Key("summary");
        w.StartArray();
        if (auto it = item.FindMember("summary"); it != item.MemberEnd() && it->value.IsArray()) {
            for (const Value& part : it->value.GetArray()) {
                json::write_string(w, json::string_field(part, "text"));
            }
        }
        w.EndArray();
        if (std::string_view enc = json::string_field(item, "encrypted_content"); !enc.empty()) {
            w.Key("encrypted_content");
            json::write_string(w, enc);
        }
        w.EndObject();
        emit_json(KLAUDE_EVENT_OUTPUT_ITEM);
    } else if (type == "function_call") {
        std::string streamed = take_arguments(json::string_field(item, "id"));
        std::string_view args = json::string_field(item, "arguments");
        if (args.empty()) {
            args = streamed;
        }
        if (args.empty()) {
            args = "{}";
        }
        auto write_call = [&](bool as_item) {
            Writer& w = start_json();
            w.StartObject();
            if (as_item) {
                w.Key("type");
                w.String("function_call");
            }
            w.Key("call_id");
            json::write_string(w, json::string_field(item, "call_id"));
            w.Key("name");
            json::write_string(w, json::string_field(item, "name"));
            w.Key("arguments");
            json::write_string(w, args);
            w.EndObject();
        };
        write_call(true);
        emit_json(KLAUDE_EVENT_OUTPUT_ITEM);
        write_call(false);
        emit_json(KLAUDE_EVENT_TOOL_CALL);
    }
}

void EventMapper::on_finished(const Value& response, bool incomplete) {
    if (const Value* usage = json::object_field(response, "usage")) {
        const Value* input_details = json::object_field(*usage, "input_tokens_details");
        const Value* output_details = json::object_field(*usage, "output_tokens_details");
        Writer& w = start_json();
        w.StartObject();
        w.Key("input_tokens");
        w.Int64(int_member(usage, "input_tokens"));
        w.Key("cached_input_tokens");
        w.Int64(int_member(input_details, "cached_tokens"));
        w.Key("output_tokens");
        w.Int64(int_member(usage, "output_tokens"));
        w.Key("reasoning_tokens");
        w.Int64(int_member(output_details, "reasoning_tokens"));
        w.Key("total_tokens");
        w.Int64(int_member(usage, "total_tokens"));
        w.EndObject();
        emit_json(KLAUDE_EVENT_USAGE);
    }
    std::string_view id = json::string_field(response, "id");
    Writer& w = start_json();
    w.StartObject();
    w.Key("response_id");
    json::write_string(w, id.empty() ? std::string_view(response_id_) : id);
    w.Key("status");
    w.String(incomplete ? "incomplete" : "completed");
    if (incomplete) {
        std::string_view reason;
        if (const Value* details = json::object_field(response, "incomplete_details")) {
            reason = json::string_field(*details, "reason");
        }
        w.Key("reason");
        json::write_string(w, reason.empty() ? std::string_view("unknown") : reason);
    }
    w.EndObject();
    emit_json(KLAUDE_EVENT_COMPLETED);
    // Not when emit refused it (an id that is not UTF-8): the host saw no COMPLETED, only the
    // error.
    completed_ = !error_;
}

void EventMapper::on_failed(const Value& response) {
    std::string code;
    std::string message;
    if (const Value* error = json::object_field(response, "error")) {
        code.assign(json::string_field(*error, "code"));
        message.assign(json::string_field(*error, "message"));
    }
    if (message.empty()) {
        message = "the response failed";
    }
    fail(status_for_error_code(code), code,
         "response failed" + (code.empty() ? std::string() : " (" + code + ")") + ": " + message);
}

void EventMapper::on_error_event(const Value& event) {
    // Two shapes are in use: {"type":"error","code":…,"message":…} (API reference) and
    // {"type":"error","error":{"type":…,"code":…,"message":…}} (recorded streams).
    const Value* error = json::object_field(event, "error");
    const Value& source = error != nullptr ? *error : event;
    std::string code(json::string_field(source, "code"));
    if (code.empty() && error != nullptr) {
        code.assign(json::string_field(source, "type"));
    }
    std::string message(json::string_field(source, "message"));
    if (message.empty()) {
        message = "the server reported an error";
    }
    fail(status_for_error_code(code), code,
         "server error" + (code.empty() ? std::string() : " (" + code + ")") + ": " + message);
}

}  // namespace klaude::responses
