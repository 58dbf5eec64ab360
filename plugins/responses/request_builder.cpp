#include "plugins/responses/request_builder.h"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "klaude/sdk/error.hpp"

namespace klaude::responses {
namespace {

using rapidjson::Value;

[[noreturn]] void bad(const std::string& what) {
    throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, "request: " + what);
}

// Reads member `name` of `object` as a string; nullptr when absent or null.
const Value* optional_string(const Value& object, const char* name, const std::string& where) {
    auto it = object.FindMember(name);
    if (it == object.MemberEnd() || it->value.IsNull()) {
        return nullptr;
    }
    if (!it->value.IsString()) {
        bad(where + "." + name + " must be a string");
    }
    return &it->value;
}

const Value& required_string(const Value& object, const char* name, const std::string& where) {
    const Value* value = optional_string(object, name, where);
    if (value == nullptr) {
        bad(where + "." + name + " is required");
    }
    return *value;
}

class Builder {
  public:
    explicit Builder(rapidjson::Document& body) : a_(body.GetAllocator()) {}

    Value str(const Value& s) { return Value(s.GetString(), s.GetStringLength(), a_); }
    Value str(std::string_view s) {
        return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a_);
    }

    Value message(const Value& item, const std::string& where) {
        const Value& role = required_string(item, "role", where);
        const std::string_view role_name(role.GetString(), role.GetStringLength());
        const bool assistant = role_name == "assistant";
        Value content(rapidjson::kArrayType);
        auto it = item.FindMember("content");
        if (it == item.MemberEnd()) {
            bad(where + ".content is required");
        }
        if (it->value.IsString()) {  // a shorthand for one text part
            content.PushBack(text_part(it->value, assistant), a_);
        } else if (it->value.IsArray()) {
            rapidjson::SizeType index = 0;
            for (const Value& part : it->value.GetArray()) {
                std::string part_where = where + ".content[" + std::to_string(index++) + "]";
                if (!part.IsObject()) {
                    bad(part_where + " must be an object");
                }
                const Value& type = required_string(part, "type", part_where);
                std::string_view t(type.GetString(), type.GetStringLength());
                if (t == "text") {
                    content.PushBack(
                        text_part(required_string(part, "text", part_where), assistant), a_);
                } else if (t == "image_url" && !assistant) {
                    Value image(rapidjson::kObjectType);
                    image.AddMember("type", "input_image", a_);
                    image.AddMember("image_url", str(required_string(part, "url", part_where)), a_);
                    content.PushBack(image, a_);
                } else {
                    bad(part_where + ".type '" + std::string(t) + "' is not supported for role " +
                        std::string(role_name));
                }
            }
        } else {
            bad(where + ".content must be a string or an array");
        }
        Value out(rapidjson::kObjectType);
        out.AddMember("type", "message", a_);
        out.AddMember("role", str(role), a_);
        out.AddMember("content", content, a_);
        return out;
    }

    Value text_part(const Value& text, bool assistant) {
        Value part(rapidjson::kObjectType);
        part.AddMember("type", rapidjson::StringRef(assistant ? "output_text" : "input_text"), a_);
        part.AddMember("text", str(text), a_);
        return part;
    }

    Value function_call(const Value& item, const std::string& where) {
        Value out(rapidjson::kObjectType);
        out.AddMember("type", "function_call", a_);
        out.AddMember("call_id", str(required_string(item, "call_id", where)), a_);
        out.AddMember("name", str(required_string(item, "name", where)), a_);
        const Value* args = optional_string(item, "arguments", where);
        out.AddMember("arguments", args != nullptr ? str(*args) : str("{}"), a_);
        return out;
    }

    Value function_call_output(const Value& item, const std::string& where) {
        Value out(rapidjson::kObjectType);
        out.AddMember("type", "function_call_output", a_);
        out.AddMember("call_id", str(required_string(item, "call_id", where)), a_);
        out.AddMember("output", str(required_string(item, "output", where)), a_);
        return out;
    }

    // A reasoning item goes back by its encrypted_content (stateless, works with store false:
    // an id would make the server look up an item it never stored). Without encrypted content
    // it can only be referenced by id, which needs store true.
    Value reasoning(const Value& item, const std::string& where, bool store) {
        const Value* encrypted = optional_string(item, "encrypted_content", where);
        const Value* id = optional_string(item, "id", where);
        if (encrypted == nullptr && (id == nullptr || !store)) {
            return Value();  // nothing the server could use
        }
        Value out(rapidjson::kObjectType);
        out.AddMember("type", "reasoning", a_);
        if (encrypted == nullptr) {
            out.AddMember("id", str(*id), a_);
        }
        Value summary(rapidjson::kArrayType);
        if (auto it = item.FindMember("summary"); it != item.MemberEnd() && it->value.IsArray()) {
            for (const Value& s : it->value.GetArray()) {
                if (!s.IsString()) {
                    bad(where + ".summary must be an array of strings");
                }
                Value part(rapidjson::kObjectType);
                part.AddMember("type", "summary_text", a_);
                part.AddMember("text", str(s), a_);
                summary.PushBack(part, a_);
            }
        }
        out.AddMember("summary", summary, a_);
        if (encrypted != nullptr) {
            out.AddMember("encrypted_content", str(*encrypted), a_);
        }
        return out;
    }

    Value tool(const Value& tool, const std::string& where) {
        if (!tool.IsObject()) {
            bad(where + " must be an object");
        }
        Value out(rapidjson::kObjectType);
        out.AddMember("type", "function", a_);
        out.AddMember("name", str(required_string(tool, "name", where)), a_);
        if (const Value* d = optional_string(tool, "description", where)) {
            out.AddMember("description", str(*d), a_);
        }
        Value parameters;
        if (auto it = tool.FindMember("parameters"); it != tool.MemberEnd()) {
            if (!it->value.IsObject()) {
                bad(where + ".parameters must be a JSON schema object");
            }
            parameters.CopyFrom(it->value, a_);
        } else {
            parameters.SetObject();
            parameters.AddMember("type", "object", a_);
            parameters.AddMember("properties", Value(rapidjson::kObjectType), a_);
        }
        out.AddMember("parameters", parameters, a_);
        out.AddMember("strict", false, a_);  // klaude's schemas are not written for strict mode
        return out;
    }

    rapidjson::Document::AllocatorType& a_;
};

}  // namespace

BuiltRequest build_request(std::string_view request_json) {
    rapidjson::Document request;
    request.Parse<rapidjson::kParseIterativeFlag>(request_json.data(), request_json.size());
    if (request.HasParseError()) {
        bad("invalid JSON at offset " + std::to_string(request.GetErrorOffset()) + ": " +
            rapidjson::GetParseError_En(request.GetParseError()));
    }
    if (!request.IsObject()) {
        bad("expected a JSON object");
    }

    BuiltRequest built;
    rapidjson::Document& body = built.body;
    body.SetObject();
    Builder b(body);
    auto& a = body.GetAllocator();

    const Value& model = required_string(request, "model", "request");
    built.model.assign(model.GetString(), model.GetStringLength());
    body.AddMember("model", b.str(model), a);
    if (const Value* instructions = optional_string(request, "instructions", "request")) {
        body.AddMember("instructions", b.str(*instructions), a);
    }

    bool store = false;
    if (auto it = request.FindMember("store"); it != request.MemberEnd()) {
        if (!it->value.IsBool()) {
            bad("store must be true or false");
        }
        store = it->value.GetBool();
    }

    auto input_it = request.FindMember("input");
    if (input_it == request.MemberEnd() || !input_it->value.IsArray()) {
        bad("input must be an array of items");
    }
    Value input(rapidjson::kArrayType);
    rapidjson::SizeType index = 0;
    for (const Value& item : input_it->value.GetArray()) {
        std::string where = "input[" + std::to_string(index++) + "]";
        if (!item.IsObject()) {
            bad(where + " must be an object");
        }
        const Value& type = required_string(item, "type", where);
        std::string_view t(type.GetString(), type.GetStringLength());
        Value out;
        if (t == "message") {
            out = b.message(item, where);
        } else if (t == "function_call") {
            out = b.function_call(item, where);
        } else if (t == "function_call_output") {
            out = b.function_call_output(item, where);
        } else if (t == "reasoning") {
            out = b.reasoning(item, where, store);
        }
        if (!out.IsNull()) {
            input.PushBack(out, a);
        }
    }
    body.AddMember("input", input, a);

    if (auto it = request.FindMember("tools"); it != request.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsArray()) {
            bad("tools must be an array");
        }
        if (!it->value.Empty()) {
            Value tools(rapidjson::kArrayType);
            rapidjson::SizeType t = 0;
            for (const Value& tool : it->value.GetArray()) {
                tools.PushBack(b.tool(tool, "tools[" + std::to_string(t++) + "]"), a);
            }
            body.AddMember("tools", tools, a);
            body.AddMember("tool_choice", "auto", a);
        }
    }
    bool parallel = true;
    if (auto it = request.FindMember("parallel_tool_calls"); it != request.MemberEnd()) {
        if (!it->value.IsBool()) {
            bad("parallel_tool_calls must be true or false");
        }
        parallel = it->value.GetBool();
    }
    body.AddMember("parallel_tool_calls", parallel, a);

    if (auto it = request.FindMember("reasoning");
        it != request.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsObject()) {
            bad("reasoning must be an object");
        }
        Value reasoning(rapidjson::kObjectType);
        if (const Value* effort = optional_string(it->value, "effort", "reasoning")) {
            reasoning.AddMember("effort", b.str(*effort), a);
        }
        const Value* summary = optional_string(it->value, "summary", "reasoning");
        reasoning.AddMember("summary", summary != nullptr ? b.str(*summary) : b.str("auto"), a);
        body.AddMember("reasoning", reasoning, a);
        Value include(rapidjson::kArrayType);
        include.PushBack("reasoning.encrypted_content", a);
        body.AddMember("include", include, a);
    }
    if (const Value* verbosity = optional_string(request, "verbosity", "request")) {
        Value text(rapidjson::kObjectType);
        text.AddMember("verbosity", b.str(*verbosity), a);
        body.AddMember("text", text, a);
    }
    if (auto it = request.FindMember("max_output_tokens");
        it != request.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsUint() || it->value.GetUint() == 0) {
            bad("max_output_tokens must be a positive integer");
        }
        body.AddMember("max_output_tokens", it->value.GetUint(), a);
    }
    body.AddMember("store", store, a);
    if (const Value* session = optional_string(request, "session_id", "request")) {
        built.session_id.assign(session->GetString(), session->GetStringLength());
        if (!built.session_id.empty()) {
            body.AddMember("prompt_cache_key", b.str(*session), a);
        }
    }
    body.AddMember("stream", true, a);
    return built;
}

std::string serialize(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace klaude::responses
