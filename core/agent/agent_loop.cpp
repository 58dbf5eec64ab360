#include "core/agent/agent_loop.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::core {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

std::string string_member(const rapidjson::Value& object, const char* key) {
    auto it = object.FindMember(key);
    return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// {"type":"function_call","call_id","name","arguments"} for a call the plugin reported only as
// a TOOL_CALL event.
std::string function_call_item(const ToolCall& call) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("type");
    w.String("function_call");
    w.Key("call_id");
    w.String(call.call_id.c_str());
    w.Key("name");
    w.String(call.name.c_str());
    w.Key("arguments");
    w.String(call.arguments.c_str());
    w.EndObject();
    return buffer.GetString();
}

std::string assistant_message_item(const std::string& text) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("type");
    w.String("message");
    w.Key("role");
    w.String("assistant");
    w.Key("content");
    w.StartArray();
    w.StartObject();
    w.Key("type");
    w.String("text");
    w.Key("text");
    w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
    w.EndObject();
    w.EndArray();
    w.EndObject();
    return buffer.GetString();
}

}  // namespace

AgentLoop::AgentLoop(ModelClient& client, const agent::ToolRegistry& tools,
                     agent::ToolContext& tool_context, TurnSettings settings, int max_steps)
    : client_(client),
      tools_(tools),
      tool_context_(tool_context),
      settings_(std::move(settings)),
      max_steps_(max_steps) {
    settings_.tools_json = tools_.definitions_json();
    tool_context_.cancel = &cancelled_;
}

void AgentLoop::cancel() noexcept {
    cancelled_.store(true);
    client_.cancel();
}

void AgentLoop::append(Conversation& conversation, const std::string& item,
                       TurnObserver& observer) {
    conversation.add_item(item);
    observer.on_item(conversation.items().back());
}

AgentLoop::Response AgentLoop::call_model(const Conversation& conversation,
                                          TurnObserver& observer) {
    Response response;
    bool saw_message_item = false;
    std::vector<std::string> call_ids_with_items;
    client_.stream(conversation.build_request(settings_),
                   [&](klaude_event_type_t type, std::string_view data) {
                       switch (type) {
                           case KLAUDE_EVENT_TEXT_DELTA:
                               response.text.append(data.data(), data.size());
                               break;
                           case KLAUDE_EVENT_USAGE:
                               response.usage += Usage::from_json(data);
                               break;
                           case KLAUDE_EVENT_OUTPUT_ITEM: {
                               rapidjson::Document item;
                               item.Parse(data.data(), data.size());
                               if (item.HasParseError() || !item.IsObject()) {
                                   break;
                               }
                               const std::string kind = string_member(item, "type");
                               if (kind == "message") {
                                   saw_message_item = true;
                               } else if (kind == "function_call") {
                                   call_ids_with_items.push_back(string_member(item, "call_id"));
                               }
                               response.items.emplace_back(data);
                               break;
                           }
                           case KLAUDE_EVENT_TOOL_CALL: {
                               rapidjson::Document call;
                               call.Parse(data.data(), data.size());
                               if (!call.HasParseError() && call.IsObject()) {
                                   response.calls.push_back({string_member(call, "call_id"),
                                                             string_member(call, "name"),
                                                             string_member(call, "arguments")});
                               }
                               break;
                           }
                           default:
                               break;
                       }
                       observer.on_model_event(type, data);
                   });
    // Plugins should report finished items; when one did not, the history still needs them.
    if (!saw_message_item && !response.text.empty()) {
        response.items.insert(response.items.begin(), assistant_message_item(response.text));
    }
    for (const ToolCall& call : response.calls) {
        bool has_item = false;
        for (const std::string& id : call_ids_with_items) {
            has_item = has_item || id == call.call_id;
        }
        if (!has_item) {
            response.items.push_back(function_call_item(call));
        }
    }
    return response;
}

TurnResult AgentLoop::run_turn(Conversation& conversation, const std::string& prompt,
                               TurnObserver& observer) {
    TurnResult result;
    conversation.add_user_message(prompt);
    observer.on_item(conversation.items().back());

    for (;;) {
        if (cancelled_.load()) {
            result.outcome = TurnResult::Outcome::kCancelled;
            return result;
        }
        if (result.model_calls >= max_steps_) {
            result.outcome = TurnResult::Outcome::kMaxSteps;
            return result;
        }
        ++result.model_calls;
        Response response = call_model(conversation, observer);
        result.usage += response.usage;
        session_usage_ += response.usage;
        result.final_text = response.text;
        for (const std::string& item : response.items) {
            append(conversation, item, observer);
        }
        if (response.calls.empty()) {
            result.outcome = TurnResult::Outcome::kCompleted;
            return result;
        }
        // Every call gets an output, even after a cancel, so the history stays valid.
        for (const ToolCall& call : response.calls) {
            observer.on_tool_call(call);
            agent::ToolResult tool_result =
                cancelled_.load() ? agent::ToolResult::error("cancelled by user")
                                  : tools_.dispatch(call.name, call.arguments, tool_context_);
            observer.on_tool_result(call, tool_result);
            conversation.add_tool_output(call.call_id, tool_result.output);
            observer.on_item(conversation.items().back());
        }
    }
}

}  // namespace klaude::core
