#include "core/plugin/stream_contract.h"

#include <rapidjson/document.h>

namespace klaude::core {

namespace {

std::string string_member(const rapidjson::Value& object, const char* name) {
    auto it = object.FindMember(name);
    return it != object.MemberEnd() && it->value.IsString()
               ? std::string(it->value.GetString(), it->value.GetStringLength())
               : std::string();
}

// The call_id of a function_call item / a TOOL_CALL payload; nullopt when `data` is neither.
// Items can be large (a long answer): only those that can be function calls are parsed.
std::optional<std::string> call_id(std::string_view data, bool must_be_function_call) {
    if (must_be_function_call && data.find("\"function_call\"") == std::string_view::npos) {
        return std::nullopt;
    }
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(data.data(), data.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        return std::nullopt;
    }
    if (must_be_function_call && string_member(doc, "type") != "function_call") {
        return std::nullopt;
    }
    return string_member(doc, "call_id");
}

}  // namespace

void StreamContract::observe(klaude_event_type_t type, std::string_view data) {
    switch (type) {
        case KLAUDE_EVENT_COMPLETED:
            completed_ = true;
            break;
        case KLAUDE_EVENT_TOOL_CALL:
            if (auto id = call_id(data, false)) {
                tool_calls_.insert(*id);
            }
            break;
        case KLAUDE_EVENT_OUTPUT_ITEM:
            if (auto id = call_id(data, true)) {
                call_items_.push_back(std::move(*id));  // its TOOL_CALL may still come
            }
            break;
        default:
            break;
    }
}

std::optional<std::string> StreamContract::violation() const {
    if (!completed_) {
        return "its stream returned OK without KLAUDE_EVENT_COMPLETED (a cut or unfinished "
               "response must be an error)";
    }
    for (const std::string& id : call_items_) {
        if (tool_calls_.count(id) == 0) {
            return "it sent a function_call item (call_id '" + id +
                   "') without KLAUDE_EVENT_TOOL_CALL; the host runs only reported calls";
        }
    }
    return std::nullopt;
}

}  // namespace klaude::core
