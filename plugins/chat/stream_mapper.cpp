#include "plugins/chat/stream_mapper.h"

#include <algorithm>
#include <random>

#include "klaude/support/json.h"

namespace klaude::chat {
namespace {

namespace json = support::json;
using json::Value;
using json::Writer;

int64_t int_member(const Value* object, const char* name) {
    return object != nullptr ? json::int_field(*object, name).value_or(0) : 0;
}

}  // namespace

std::string make_call_id() {
    static constexpr char kAlphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    thread_local std::mt19937_64 random{std::random_device{}()};
    std::uniform_int_distribution<size_t> pick(0, sizeof kAlphabet - 2);
    std::string id = "call_";
    for (int i = 0; i < 24; ++i) {
        id += kAlphabet[pick(random)];
    }
    return id;
}

void StreamMapper::emit(klaude_event_type_t type, std::string_view data) {
    emitted_ = true;
    sink_.emit(type, data);
}

void StreamMapper::fail(klaude_status_t status, std::string code, std::string message) {
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

void StreamMapper::on_event(const support::SseEvent& event) {
    if (done_ || completed_ || error_) {
        return;
    }
    if (event.data == "[DONE]") {
        done_ = true;
        return;
    }
    if (event.data.empty()) {
        return;  // a keep-alive
    }
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(
        event.data.data(), event.data.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        fail(KLAUDE_ERROR_PROTOCOL, "", "the server sent a chunk that is not a JSON object");
        return;
    }
    on_chunk(doc);
}

void StreamMapper::on_chunk(const Value& chunk) {
    if (const Value* error = json::field(chunk, "error")) {
        // OpenRouter, vLLM and others report a failure after the 200 as a chunk of its own.
        std::string code;
        std::string message;
        if (error->IsObject()) {
            message.assign(json::string_field(*error, "message"));
            code.assign(json::string_field(*error, "code"));
            if (const Value* c = json::field(*error, "code"); c != nullptr && c->IsInt64()) {
                code = std::to_string(c->GetInt64());
            }
            if (code.empty()) {
                code.assign(json::string_field(*error, "type"));
            }
        } else if (error->IsString()) {
            message.assign(error->GetString(), error->GetStringLength());
        }
        fail(code == "429" || code == "rate_limit_exceeded" ? KLAUDE_ERROR_RATE_LIMITED
                                                            : KLAUDE_ERROR_SERVER,
             code,
             "server error" + (code.empty() ? std::string() : " (" + code + ")") + ": " +
                 (message.empty() ? std::string("the stream failed") : message));
        return;
    }
    if (!created_) {
        std::string_view id = json::string_field(chunk, "id");
        std::string_view model = json::string_field(chunk, "model");
        if (!id.empty() || !model.empty()) {
            created_ = true;
            response_id_.assign(id);
            rapidjson::StringBuffer buffer;
            Writer w(buffer);
            w.StartObject();
            w.Key("response_id");
            json::write_string(w, id);
            w.Key("model");
            json::write_string(w, model);
            w.EndObject();
            emit(KLAUDE_EVENT_CREATED, std::string_view(buffer.GetString(), buffer.GetSize()));
        }
    }
    if (const Value* usage = json::field(chunk, "usage"); usage != nullptr && usage->IsObject()) {
        const Value* prompt_details = json::field(*usage, "prompt_tokens_details");
        const Value* completion_details = json::field(*usage, "completion_tokens_details");
        const int64_t input = int_member(usage, "prompt_tokens");
        const int64_t output = int_member(usage, "completion_tokens");
        int64_t total = int_member(usage, "total_tokens");
        rapidjson::StringBuffer buffer;
        Writer w(buffer);
        w.StartObject();
        w.Key("input_tokens");
        w.Int64(input);
        w.Key("cached_input_tokens");
        w.Int64(int_member(prompt_details, "cached_tokens"));
        w.Key("output_tokens");
        w.Int64(output);
        w.Key("reasoning_tokens");
        w.Int64(int_member(completion_details, "reasoning_tokens"));
        w.Key("total_tokens");
        w.Int64(total > 0 ? total : input + output);
        w.EndObject();
        usage_.emplace(buffer.GetString(), buffer.GetSize());
    }
    const Value* choices = json::field(chunk, "choices");
    if (choices == nullptr || !choices->IsArray()) {
        return;
    }
    for (const Value& choice : choices->GetArray()) {
        if (int_member(&choice, "index") != 0) {
            continue;
        }
        if (const Value* delta = json::field(choice, "delta");
            delta != nullptr && delta->IsObject()) {
            on_delta(*delta);
        }
        if (std::string_view reason = json::string_field(choice, "finish_reason");
            !reason.empty()) {
            finish_reason_.assign(reason);
        }
    }
}

void StreamMapper::on_delta(const Value& delta) {
    for (const char* name : {"reasoning_content", "reasoning"}) {
        if (std::string_view r = json::string_field(delta, name); !r.empty()) {
            emit(KLAUDE_EVENT_REASONING_DELTA, r);
        }
    }
    if (const Value* content = json::field(delta, "content")) {
        if (content->IsString() && content->GetStringLength() > 0) {
            std::string_view text(content->GetString(), content->GetStringLength());
            text_.append(text);
            emit(KLAUDE_EVENT_TEXT_DELTA, text);
        } else if (content->IsArray()) {
            // Mistral's form: [{"type":"text","text"}, {"type":"thinking","thinking":[…]}].
            for (const Value& part : content->GetArray()) {
                const std::string_view type = json::string_field(part, "type");
                if (type == "text") {
                    if (std::string_view text = json::string_field(part, "text"); !text.empty()) {
                        text_.append(text);
                        emit(KLAUDE_EVENT_TEXT_DELTA, text);
                    }
                } else if (type == "thinking") {
                    const Value* thinking = json::field(part, "thinking");
                    if (thinking != nullptr && thinking->IsArray()) {
                        for (const Value& t : thinking->GetArray()) {
                            if (std::string_view r = json::string_field(t, "text"); !r.empty()) {
                                emit(KLAUDE_EVENT_REASONING_DELTA, r);
                            }
                        }
                    }
                }
            }
        }
    }
    if (std::string_view refusal = json::string_field(delta, "refusal"); !refusal.empty()) {
        text_.append(refusal);
        emit(KLAUDE_EVENT_TEXT_DELTA, refusal);
    }
    if (const Value* calls = json::field(delta, "tool_calls");
        calls != nullptr && calls->IsArray()) {
        for (const Value& call : calls->GetArray()) {
            on_tool_call(call);
        }
    }
}

void StreamMapper::on_tool_call(const Value& call) {
    if (!call.IsObject()) {
        return;
    }
    // Servers that leave `index` out send each call whole, in order.
    const Value* index_value = json::field(call, "index");
    const int64_t index =
        index_value != nullptr && index_value->IsInt64() ? index_value->GetInt64() : -1;
    auto it = std::find_if(calls_.begin(), calls_.end(),
                           [&](const ToolCall& c) { return c.index == index; });
    if (it == calls_.end() || index_value == nullptr) {
        calls_.push_back(ToolCall{index, {}, {}, {}});
        it = calls_.end() - 1;
    }
    if (std::string_view id = json::string_field(call, "id"); !id.empty() && it->id.empty()) {
        it->id.assign(id);
    }
    if (const Value* function = json::field(call, "function")) {
        if (std::string_view name = json::string_field(*function, "name");
            !name.empty() && it->name.empty()) {
            it->name.assign(name);
        }
        it->arguments.append(json::string_field(*function, "arguments"));
    }
}

void StreamMapper::finish() {
    if (completed_ || error_) {
        return;
    }
    if (!done_ && finish_reason_.empty()) {
        fail(KLAUDE_ERROR_NETWORK, "", "stream closed before the answer finished");
        return;
    }
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    auto start = [&]() -> Writer& {
        buffer.Clear();
        w.Reset(buffer);
        return w;
    };
    auto emit_buffer = [&](klaude_event_type_t type) {
        emit(type, std::string_view(buffer.GetString(), buffer.GetSize()));
    };
    if (!text_.empty()) {
        Writer& m = start();
        m.StartObject();
        m.Key("type");
        m.String("message");
        m.Key("role");
        m.String("assistant");
        m.Key("content");
        m.StartArray();
        m.StartObject();
        m.Key("type");
        m.String("text");
        m.Key("text");
        json::write_string(m, text_);
        m.EndObject();
        m.EndArray();
        m.EndObject();
        emit_buffer(KLAUDE_EVENT_OUTPUT_ITEM);
    }
    std::stable_sort(calls_.begin(), calls_.end(),
                     [](const ToolCall& a, const ToolCall& b) { return a.index < b.index; });
    for (ToolCall& call : calls_) {
        if (call.id.empty()) {
            call.id = make_call_id();
        }
        if (call.arguments.empty()) {
            call.arguments = "{}";
        }
        if (!json::valid_utf8(call.arguments)) {
            fail(KLAUDE_ERROR_PROTOCOL, "", "the server sent tool arguments that are not UTF-8");
            return;
        }
        for (bool as_item : {true, false}) {
            Writer& c = start();
            c.StartObject();
            if (as_item) {
                c.Key("type");
                c.String("function_call");
            }
            c.Key("call_id");
            json::write_string(c, call.id);
            c.Key("name");
            json::write_string(c, call.name);
            c.Key("arguments");
            json::write_string(c, call.arguments);
            c.EndObject();
            emit_buffer(as_item ? KLAUDE_EVENT_OUTPUT_ITEM : KLAUDE_EVENT_TOOL_CALL);
        }
    }
    if (usage_) {
        emit(KLAUDE_EVENT_USAGE, *usage_);
    }
    Writer& done = start();
    done.StartObject();
    done.Key("response_id");
    json::write_string(done, response_id_);
    const bool incomplete = finish_reason_ == "length" || finish_reason_ == "content_filter";
    done.Key("status");
    done.String(incomplete ? "incomplete" : "completed");
    if (incomplete) {
        done.Key("reason");
        done.String(finish_reason_ == "length" ? "max_output_tokens" : "content_filter");
    }
    done.EndObject();
    emit_buffer(KLAUDE_EVENT_COMPLETED);
    completed_ = true;
}

}  // namespace klaude::chat
