#include "plugins/chat/stream_mapper.h"

#include <algorithm>
#include <random>

#include <rapidjson/encodings.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::chat {
namespace {

using rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

std::string_view string_member(const Value& object, const char* name) {
    if (!object.IsObject()) {
        return {};
    }
    auto it = object.FindMember(name);
    return it != object.MemberEnd() && it->value.IsString()
               ? std::string_view(it->value.GetString(), it->value.GetStringLength())
               : std::string_view();
}

const Value* member(const Value& object, const char* name) {
    if (!object.IsObject()) {
        return nullptr;
    }
    auto it = object.FindMember(name);
    return it != object.MemberEnd() && !it->value.IsNull() ? &it->value : nullptr;
}

int64_t int_member(const Value* object, const char* name) {
    const Value* v = object != nullptr ? member(*object, name) : nullptr;
    return v != nullptr && v->IsInt64() ? v->GetInt64() : 0;
}

void write(Writer& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

bool valid_utf8(std::string_view s) {
    rapidjson::MemoryStream stream(s.data(), s.size());
    while (stream.Tell() < s.size()) {
        unsigned codepoint = 0;
        if (!rapidjson::UTF8<>::Decode(stream, &codepoint)) {
            return false;
        }
    }
    return true;
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
    if (!valid_utf8(code)) {
        code.clear();
    }
    if (!valid_utf8(message)) {
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
    if (const Value* error = member(chunk, "error")) {
        // OpenRouter, vLLM and others report a failure after the 200 as a chunk of its own.
        std::string code;
        std::string message;
        if (error->IsObject()) {
            message.assign(string_member(*error, "message"));
            code.assign(string_member(*error, "code"));
            if (const Value* c = member(*error, "code"); c != nullptr && c->IsInt64()) {
                code = std::to_string(c->GetInt64());
            }
            if (code.empty()) {
                code.assign(string_member(*error, "type"));
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
        std::string_view id = string_member(chunk, "id");
        std::string_view model = string_member(chunk, "model");
        if (!id.empty() || !model.empty()) {
            created_ = true;
            response_id_.assign(id);
            rapidjson::StringBuffer buffer;
            Writer w(buffer);
            w.StartObject();
            w.Key("response_id");
            write(w, id);
            w.Key("model");
            write(w, model);
            w.EndObject();
            emit(KLAUDE_EVENT_CREATED, std::string_view(buffer.GetString(), buffer.GetSize()));
        }
    }
    if (const Value* usage = member(chunk, "usage"); usage != nullptr && usage->IsObject()) {
        const Value* prompt_details = member(*usage, "prompt_tokens_details");
        const Value* completion_details = member(*usage, "completion_tokens_details");
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
    const Value* choices = member(chunk, "choices");
    if (choices == nullptr || !choices->IsArray()) {
        return;
    }
    for (const Value& choice : choices->GetArray()) {
        if (int_member(&choice, "index") != 0) {
            continue;
        }
        if (const Value* delta = member(choice, "delta"); delta != nullptr && delta->IsObject()) {
            on_delta(*delta);
        }
        if (std::string_view reason = string_member(choice, "finish_reason"); !reason.empty()) {
            finish_reason_.assign(reason);
        }
    }
}

void StreamMapper::on_delta(const Value& delta) {
    for (const char* name : {"reasoning_content", "reasoning"}) {
        if (std::string_view r = string_member(delta, name); !r.empty()) {
            emit(KLAUDE_EVENT_REASONING_DELTA, r);
        }
    }
    if (const Value* content = member(delta, "content")) {
        if (content->IsString() && content->GetStringLength() > 0) {
            std::string_view text(content->GetString(), content->GetStringLength());
            text_.append(text);
            emit(KLAUDE_EVENT_TEXT_DELTA, text);
        } else if (content->IsArray()) {
            // Mistral's form: [{"type":"text","text"}, {"type":"thinking","thinking":[…]}].
            for (const Value& part : content->GetArray()) {
                const std::string_view type = string_member(part, "type");
                if (type == "text") {
                    if (std::string_view text = string_member(part, "text"); !text.empty()) {
                        text_.append(text);
                        emit(KLAUDE_EVENT_TEXT_DELTA, text);
                    }
                } else if (type == "thinking") {
                    const Value* thinking = member(part, "thinking");
                    if (thinking != nullptr && thinking->IsArray()) {
                        for (const Value& t : thinking->GetArray()) {
                            if (std::string_view r = string_member(t, "text"); !r.empty()) {
                                emit(KLAUDE_EVENT_REASONING_DELTA, r);
                            }
                        }
                    }
                }
            }
        }
    }
    if (std::string_view refusal = string_member(delta, "refusal"); !refusal.empty()) {
        text_.append(refusal);
        emit(KLAUDE_EVENT_TEXT_DELTA, refusal);
    }
    if (const Value* calls = member(delta, "tool_calls"); calls != nullptr && calls->IsArray()) {
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
    const Value* index_value = member(call, "index");
    const int64_t index =
        index_value != nullptr && index_value->IsInt64() ? index_value->GetInt64() : -1;
    auto it = std::find_if(calls_.begin(), calls_.end(),
                           [&](const ToolCall& c) { return c.index == index; });
    if (it == calls_.end() || index_value == nullptr) {
        calls_.push_back(ToolCall{index, {}, {}, {}});
        it = calls_.end() - 1;
    }
    if (std::string_view id = string_member(call, "id"); !id.empty() && it->id.empty()) {
        it->id.assign(id);
    }
    if (const Value* function = member(call, "function")) {
        if (std::string_view name = string_member(*function, "name");
            !name.empty() && it->name.empty()) {
            it->name.assign(name);
        }
        it->arguments.append(string_member(*function, "arguments"));
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
        write(m, text_);
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
        if (!valid_utf8(call.arguments)) {
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
            write(c, call.id);
            c.Key("name");
            write(c, call.name);
            c.Key("arguments");
            write(c, call.arguments);
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
    write(done, response_id_);
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
