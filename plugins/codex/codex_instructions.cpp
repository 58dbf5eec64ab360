#include "plugins/codex/codex_instructions.h"

#include "klaude/sdk/error.hpp"

namespace klaude::codex {
namespace {

[[noreturn]] void bad(const std::string& what) {
    throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, "codex provider config: " + what);
}

}  // namespace

const char* CodexInstructions::built_in() {
    return "You are a coding agent running in klaude, a terminal coding assistant. Help the "
           "user with their software engineering tasks: read the code before changing it, use "
           "the tools you are given, keep changes minimal and focused, and say briefly what "
           "you did.";
}

CodexInstructions CodexInstructions::from_options(std::string_view options_json) {
    CodexInstructions result;
    rapidjson::Document doc;
    doc.Parse(options_json.data(), options_json.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        return result;
    }
    if (auto it = doc.FindMember("instructions"); it != doc.MemberEnd()) {
        if (!it->value.IsString()) {
            bad("options.instructions must be a string");
        }
        result.all_models_ = it->value.GetString();
    }
    if (auto it = doc.FindMember("model_instructions"); it != doc.MemberEnd()) {
        if (!it->value.IsObject()) {
            bad("options.model_instructions must be an object of model id -> text");
        }
        for (const auto& m : it->value.GetObject()) {
            if (!m.value.IsString()) {
                bad(std::string("options.model_instructions.") + m.name.GetString() +
                    " must be a string");
            }
            result.per_model_[m.name.GetString()] = m.value.GetString();
        }
    }
    return result;
}

void CodexInstructions::apply(rapidjson::Document& body) const {
    auto& a = body.GetAllocator();
    std::string model;
    if (auto it = body.FindMember("model"); it != body.MemberEnd() && it->value.IsString()) {
        model = it->value.GetString();
    }
    std::string configured = all_models_;
    if (auto it = per_model_.find(model); it != per_model_.end()) {
        configured = it->second;
    }
    std::string callers;
    if (auto it = body.FindMember("instructions"); it != body.MemberEnd()) {
        if (it->value.IsString()) {
            callers = it->value.GetString();
        }
        body.RemoveMember("instructions");
    }

    std::string instructions = configured;
    if (!configured.empty() && !callers.empty()) {
        // The configured prompt takes the instructions slot; the caller's still reaches the
        // model, as the first developer message.
        rapidjson::Value part(rapidjson::kObjectType);
        part.AddMember("type", "input_text", a);
        part.AddMember("text", rapidjson::Value(callers, a), a);
        rapidjson::Value content(rapidjson::kArrayType);
        content.PushBack(part, a);
        rapidjson::Value message(rapidjson::kObjectType);
        message.AddMember("type", "message", a);
        message.AddMember("role", "developer", a);
        message.AddMember("content", content, a);
        auto input = body.FindMember("input");
        if (input == body.MemberEnd() || !input->value.IsArray()) {
            body.RemoveMember("input");
            body.AddMember("input", rapidjson::Value(rapidjson::kArrayType), a);
            input = body.FindMember("input");
        }
        rapidjson::Value items(rapidjson::kArrayType);
        items.PushBack(message, a);
        for (auto& item : input->value.GetArray()) {
            items.PushBack(item, a);
        }
        input->value = items;
    } else if (configured.empty()) {
        instructions = callers.empty() ? built_in() : callers;
    }
    body.AddMember("instructions", rapidjson::Value(instructions, a), a);
}

}  // namespace klaude::codex
