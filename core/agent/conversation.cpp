#include "core/agent/conversation.h"

#include "core/agent/item_origin.h"

#include <stdexcept>

#include <Poco/UUIDGenerator.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::core {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void string_field(Writer& w, const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string to_json(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

void Conversation::add_user_message(const std::string& text) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    string_field(w, "type", "message");
    string_field(w, "role", "user");
    w.Key("content");
    w.StartArray();
    w.StartObject();
    string_field(w, "type", "text");
    string_field(w, "text", text);
    w.EndObject();
    w.EndArray();
    w.EndObject();
    items_.emplace_back(buffer.GetString(), buffer.GetSize());
}

void Conversation::add_item(const std::string& item_json) {
    rapidjson::Document item;
    if (item.Parse<rapidjson::kParseIterativeFlag>(item_json.c_str()).HasParseError() ||
        !item.IsObject()) {
        throw std::invalid_argument("conversation item is not a JSON object");
    }
    items_.push_back(to_json(item));
}

void Conversation::add_tool_output(const std::string& call_id, const std::string& output) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    string_field(w, "type", "function_call_output");
    string_field(w, "call_id", call_id);
    string_field(w, "output", output);
    w.EndObject();
    items_.emplace_back(buffer.GetString(), buffer.GetSize());
}

void Conversation::add_tool_images(const std::vector<ToolCallImages>& calls) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    string_field(w, "type", "message");
    string_field(w, "role", "user");
    w.Key("content");
    w.StartArray();
    for (const ToolCallImages& call : calls) {
        w.StartObject();
        string_field(w, "type", "text");
        string_field(w, "text",
                     "The images " + call.tool_name + " returned (call " + call.call_id + "):");
        w.EndObject();
        for (const agent::ToolImage& image : call.images) {
            w.StartObject();
            string_field(w, "type", "image_url");
            string_field(w, "url", "data:" + image.mime_type + ";base64," + image.base64);
            w.EndObject();
        }
    }
    w.EndArray();
    w.EndObject();
    items_.emplace_back(buffer.GetString(), buffer.GetSize());
}

std::string Conversation::build_request(const TurnSettings& settings) const {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    string_field(w, "model", settings.model_id);
    if (!settings.instructions.empty()) {
        string_field(w, "instructions", settings.instructions);
    }
    if (!settings.session_id.empty()) {
        string_field(w, "session_id", settings.session_id);
    }
    w.Key("input");
    w.StartArray();
    for (const std::string& item : items_) {
        // Another provider's opaque state stays out of the request (core/agent/item_origin.h).
        if (std::optional<std::string> shown = item_for_provider(item, settings.origin)) {
            if (!shown->empty()) {
                w.RawValue(shown->c_str(), shown->size(), rapidjson::kObjectType);
            }
            continue;
        }
        w.RawValue(item.c_str(), item.size(), rapidjson::kObjectType);
    }
    w.EndArray();
    rapidjson::Document tools;
    if (!tools.Parse<rapidjson::kParseIterativeFlag>(settings.tools_json.c_str()).HasParseError() &&
        tools.IsArray() && !tools.Empty()) {
        w.Key("tools");
        tools.Accept(w);
        w.Key("parallel_tool_calls");
        w.Bool(settings.parallel_tool_calls);
    }
    if (settings.reasoning_effort || settings.reasoning_summary) {
        w.Key("reasoning");
        w.StartObject();
        if (settings.reasoning_effort) {
            string_field(w, "effort", *settings.reasoning_effort);
        }
        if (settings.reasoning_summary) {
            string_field(w, "summary", *settings.reasoning_summary);
        }
        w.EndObject();
    }
    if (settings.verbosity) {
        string_field(w, "verbosity", *settings.verbosity);
    }
    if (settings.max_output_tokens) {
        w.Key("max_output_tokens");
        w.Uint64(*settings.max_output_tokens);
    }
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

uint64_t Conversation::estimated_tokens() const {
    uint64_t bytes = 0;
    for (const std::string& item : items_) {
        bytes += item.size();
    }
    return bytes / 4;
}

size_t Conversation::trim_tool_outputs(size_t keep_last, size_t keep_chars) {
    std::vector<size_t> outputs;
    for (size_t i = 0; i < items_.size(); ++i) {
        if (items_[i].find("\"function_call_output\"") != std::string::npos) {
            outputs.push_back(i);
        }
    }
    if (outputs.size() <= keep_last) {
        return 0;
    }
    size_t saved = 0;
    for (size_t k = 0; k + keep_last < outputs.size(); ++k) {
        rapidjson::Document item;
        std::string& text = items_[outputs[k]];
        if (item.Parse<rapidjson::kParseIterativeFlag>(text.c_str()).HasParseError() ||
            !item.IsObject()) {
            continue;
        }
        auto output = item.FindMember("output");
        if (output == item.MemberEnd() || !output->value.IsString() ||
            output->value.GetStringLength() <= keep_chars + 64) {
            continue;
        }
        const std::string full = output->value.GetString();
        size_t cut = keep_chars;
        while (cut > 0 && (static_cast<unsigned char>(full[cut]) & 0xC0) == 0x80) {
            --cut;  // never split a UTF-8 sequence
        }
        const std::string shortened = full.substr(0, cut) + "\n[output trimmed to save context: " +
                                      std::to_string(full.size() - cut) + " bytes dropped]";
        output->value.SetString(shortened.c_str(),
                                static_cast<rapidjson::SizeType>(shortened.size()),
                                item.GetAllocator());
        const size_t before = text.size();
        text = to_json(item);
        saved += before > text.size() ? before - text.size() : 0;
    }
    return saved;
}

std::string new_session_id() {
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

}  // namespace klaude::core
