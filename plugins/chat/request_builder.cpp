#include "plugins/chat/request_builder.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "klaude/sdk/error.hpp"

namespace klaude::chat {
namespace {

using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

[[noreturn]] void bad(const std::string& what) {
    throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, "request: " + what);
}

std::string string_member(const Value& object, const char* name) {
    if (!object.IsObject()) {
        return {};
    }
    auto it = object.FindMember(name);
    return it != object.MemberEnd() && it->value.IsString()
               ? std::string(it->value.GetString(), it->value.GetStringLength())
               : std::string();
}

Value str(const std::string& s, Allocator& a) {
    return Value(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), a);
}

// A message's content: a string when it is text only (what every server takes), else the
// array form with text and image_url parts.
Value message_content(const Value& item, Allocator& a) {
    auto it = item.FindMember("content");
    if (it == item.MemberEnd()) {
        return Value(rapidjson::kNullType);
    }
    if (it->value.IsString()) {
        return Value(it->value, a);
    }
    if (!it->value.IsArray()) {
        return Value(rapidjson::kNullType);
    }
    std::string text;
    bool images = false;
    for (const Value& part : it->value.GetArray()) {
        const std::string type = string_member(part, "type");
        if (type == "image_url" || type == "input_image") {
            images = true;
        }
    }
    if (!images) {
        for (const Value& part : it->value.GetArray()) {
            text += string_member(part, "text");
        }
        return str(text, a);
    }
    Value parts(rapidjson::kArrayType);
    for (const Value& part : it->value.GetArray()) {
        const std::string type = string_member(part, "type");
        if (type == "image_url" || type == "input_image") {
            std::string url = string_member(part, "url");
            if (url.empty()) {
                url = string_member(part, "image_url");
            }
            Value image(rapidjson::kObjectType);
            image.AddMember("url", str(url, a), a);
            Value p(rapidjson::kObjectType);
            p.AddMember("type", "image_url", a);
            p.AddMember("image_url", image, a);
            parts.PushBack(p, a);
        } else if (part.IsObject() && part.HasMember("text")) {
            Value p(rapidjson::kObjectType);
            p.AddMember("type", "text", a);
            p.AddMember("text", str(string_member(part, "text"), a), a);
            parts.PushBack(p, a);
        }
    }
    return parts;
}

// A tool result's text: a string, or the text parts of an array.
std::string output_text(const Value& item) {
    auto it = item.FindMember("output");
    if (it == item.MemberEnd()) {
        return {};
    }
    if (it->value.IsString()) {
        return std::string(it->value.GetString(), it->value.GetStringLength());
    }
    std::string text;
    if (it->value.IsArray()) {
        for (const Value& part : it->value.GetArray()) {
            text += string_member(part, "text");
        }
    }
    return text;
}

Value message(const char* role, Value content, Allocator& a) {
    Value m(rapidjson::kObjectType);
    m.AddMember("role", Value(role, a), a);
    m.AddMember("content", content, a);
    return m;
}

}  // namespace

std::string build_chat_body(std::string_view request_json, const ChatConfig& config) {
    rapidjson::Document request;
    request.Parse(request_json.data(), request_json.size());
    if (request.HasParseError() || !request.IsObject()) {
        bad("not a JSON object");
    }
    auto model = request.FindMember("model");
    if (model == request.MemberEnd() || !model->value.IsString()) {
        bad("\"model\" must be a string");
    }
    auto input = request.FindMember("input");
    if (input == request.MemberEnd() || !input->value.IsArray()) {
        bad("\"input\" must be an array");
    }

    rapidjson::Document body(rapidjson::kObjectType);
    Allocator& a = body.GetAllocator();
    body.AddMember("model", Value(model->value, a), a);

    Value messages(rapidjson::kArrayType);
    const char* instructions_role = config.instructions_role.c_str();
    if (std::string instructions = string_member(request, "instructions"); !instructions.empty()) {
        messages.PushBack(message(instructions_role, str(instructions, a), a), a);
    }
    // The assistant message that function_call items join while they follow it directly.
    bool assistant_open = false;
    for (const Value& item : input->value.GetArray()) {
        const std::string type = string_member(item, "type");
        if (type == "message") {
            const std::string role = string_member(item, "role");
            if (role == "assistant") {
                messages.PushBack(message("assistant", message_content(item, a), a), a);
                assistant_open = true;
                continue;
            }
            const char* chat_role = role == "user"                            ? "user"
                                    : role == "developer" || role == "system" ? instructions_role
                                                                              : nullptr;
            if (chat_role != nullptr) {
                messages.PushBack(message(chat_role, message_content(item, a), a), a);
            }
            assistant_open = false;
        } else if (type == "function_call") {
            if (!assistant_open) {
                messages.PushBack(message("assistant", Value(rapidjson::kNullType), a), a);
                assistant_open = true;
            }
            Value& last = messages[messages.Size() - 1];
            if (!last.HasMember("tool_calls")) {
                last.AddMember("tool_calls", Value(rapidjson::kArrayType), a);
            }
            std::string arguments = string_member(item, "arguments");
            Value function(rapidjson::kObjectType);
            function.AddMember("name", str(string_member(item, "name"), a), a);
            function.AddMember("arguments", str(arguments.empty() ? "{}" : arguments, a), a);
            Value call(rapidjson::kObjectType);
            call.AddMember("id", str(string_member(item, "call_id"), a), a);
            call.AddMember("type", "function", a);
            call.AddMember("function", function, a);
            last["tool_calls"].PushBack(call, a);
        } else if (type == "function_call_output") {
            Value m(rapidjson::kObjectType);
            m.AddMember("role", "tool", a);
            m.AddMember("tool_call_id", str(string_member(item, "call_id"), a), a);
            m.AddMember("content", str(output_text(item), a), a);
            messages.PushBack(m, a);
            assistant_open = false;
        } else if (type == "reasoning") {
            // Dropped: Chat Completions has no field that takes reasoning back. It does not end
            // the assistant turn either: the calls after it still join the message.
        } else {
            assistant_open = false;
        }
    }
    body.AddMember("messages", messages, a);

    if (auto tools = request.FindMember("tools");
        tools != request.MemberEnd() && tools->value.IsArray() && !tools->value.Empty()) {
        Value list(rapidjson::kArrayType);
        for (const Value& tool : tools->value.GetArray()) {
            if (!tool.IsObject()) {
                continue;
            }
            Value function(rapidjson::kObjectType);
            function.AddMember("name", str(string_member(tool, "name"), a), a);
            if (std::string d = string_member(tool, "description"); !d.empty()) {
                function.AddMember("description", str(d, a), a);
            }
            if (auto p = tool.FindMember("parameters"); p != tool.MemberEnd()) {
                function.AddMember("parameters", Value(p->value, a), a);
            }
            Value t(rapidjson::kObjectType);
            t.AddMember("type", "function", a);
            t.AddMember("function", function, a);
            list.PushBack(t, a);
        }
        body.AddMember("tools", list, a);
        if (auto p = request.FindMember("parallel_tool_calls");
            p != request.MemberEnd() && p->value.IsBool()) {
            body.AddMember("parallel_tool_calls", p->value.GetBool(), a);
        }
    }
    if (auto r = request.FindMember("reasoning"); r != request.MemberEnd()) {
        if (std::string effort = string_member(r->value, "effort"); !effort.empty()) {
            body.AddMember("reasoning_effort", str(effort, a), a);
        }
    }
    if (auto m = request.FindMember("max_output_tokens");
        m != request.MemberEnd() && m->value.IsInt64() && m->value.GetInt64() > 0) {
        body.AddMember(str(config.max_tokens_field, a), Value(m->value.GetInt64()), a);
    }
    body.AddMember("stream", true, a);
    if (config.stream_usage) {
        Value options(rapidjson::kObjectType);
        options.AddMember("include_usage", true, a);
        body.AddMember("stream_options", options, a);
    }

    rapidjson::Document extra;
    extra.Parse(config.extra_body.c_str());
    if (!extra.HasParseError() && extra.IsObject()) {
        for (auto& member : extra.GetObject()) {
            body.RemoveMember(member.name.GetString());
            if (!member.value.IsNull()) {
                body.AddMember(Value(member.name, a), Value(member.value, a), a);
            }
        }
    }

    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    body.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace klaude::chat
