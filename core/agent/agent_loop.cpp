#include "core/agent/agent_loop.h"

#include "core/agent/item_origin.h"

#include <algorithm>

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

// Shrink the history when a request would use more than this share of the context window,
// leaving room for the answer.
constexpr double kContextHighWater = 0.8;
constexpr size_t kKeepRecentToolOutputs = 4;
constexpr size_t kTrimmedOutputChars = 400;

constexpr const char* kCompactionPrompt =
    "Summarise our conversation so far so that you can continue the task from the summary "
    "alone: the user's goal, what has been done (files read and changed, commands run and "
    "their outcome), decisions taken, and what remains to do. Be concise and concrete; "
    "include file paths and exact names.";

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

void AgentLoop::append(Conversation& conversation, std::string item, TurnObserver& observer) {
    // Every item reaching here was parsed as a JSON object by call_model (or built by it).
    conversation.add_checked_item(std::move(item));
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
                               item.Parse<rapidjson::kParseIterativeFlag>(data.data(), data.size());
                               if (item.HasParseError() || !item.IsObject()) {
                                   break;
                               }
                               const std::string kind = string_member(item, "type");
                               if (kind == "message") {
                                   saw_message_item = true;
                               } else if (kind == "function_call") {
                                   call_ids_with_items.push_back(string_member(item, "call_id"));
                               }
                               response.items.push_back(tag_origin(data, settings_.origin));
                               break;
                           }
                           case KLAUDE_EVENT_TOOL_CALL: {
                               rapidjson::Document call;
                               call.Parse<rapidjson::kParseIterativeFlag>(data.data(), data.size());
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

void AgentLoop::fit_context(Conversation& conversation, TurnObserver& observer) {
    const uint64_t window = settings_.context_window;
    if (window == 0) {
        return;
    }
    const auto limit = static_cast<uint64_t>(static_cast<double>(window) * kContextHighWater);
    auto used = [&] { return std::max(conversation.estimated_tokens(), last_input_tokens_); };
    if (used() <= limit) {
        return;
    }
    if (conversation.trim_tool_outputs(kKeepRecentToolOutputs, kTrimmedOutputChars) > 0) {
        last_input_tokens_ = 0;  // the provider's count no longer applies
        observer.on_history_replaced(conversation.items());
    }
    if (used() > limit) {
        compact(conversation, observer);
    }
}

bool AgentLoop::compact(Conversation& conversation, TurnObserver& observer) {
    if (conversation.items().empty()) {
        return false;
    }
    // Ask for a summary without tools, then start the history again from it, keeping the
    // latest user message so the task in progress stays in the model's own words.
    Conversation request = conversation;
    request.add_user_message(kCompactionPrompt);
    TurnSettings summary_settings = settings_;
    summary_settings.tools_json = "[]";
    std::string summary;
    client_.stream(request.build_request(summary_settings),
                   [&](klaude_event_type_t type, std::string_view data) {
                       if (type == KLAUDE_EVENT_TEXT_DELTA) {
                           summary.append(data.data(), data.size());
                       } else if (type == KLAUDE_EVENT_USAGE) {
                           session_usage_ += Usage::from_json(data);
                       }
                   });
    if (summary.empty()) {
        return false;
    }
    std::string last_user;
    for (auto it = conversation.items().rbegin(); it != conversation.items().rend(); ++it) {
        if (it->find("\"role\":\"user\"") != std::string::npos) {
            last_user = *it;
            break;
        }
    }
    Conversation compacted;
    compacted.add_user_message("Summary of the earlier conversation:\n\n" + summary);
    if (!last_user.empty()) {
        compacted.add_item(last_user);
    }
    conversation.replace_items(compacted.items());
    last_input_tokens_ = 0;
    observer.on_history_replaced(conversation.items());
    return true;
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
        fit_context(conversation, observer);
        // Tools may come and go between calls (an MCP server that failed is withdrawn).
        settings_.tools_json = tools_.definitions_json();
        Response response = call_model(conversation, observer);
        last_input_tokens_ = response.usage.input_tokens;
        result.usage += response.usage;
        session_usage_ += response.usage;
        result.final_text = response.text;
        for (std::string& item : response.items) {
            append(conversation, std::move(item), observer);
        }
        if (response.calls.empty()) {
            result.outcome = TurnResult::Outcome::kCompleted;
            return result;
        }
        // Every call gets an output, even after a cancel, so the history stays valid.
        std::vector<ToolCallImages> images;
        for (const ToolCall& call : response.calls) {
            observer.on_tool_call(call);
            agent::ToolResult tool_result =
                cancelled_.load() ? agent::ToolResult::error("cancelled by user")
                                  : tools_.dispatch(call.name, call.arguments, tool_context_);
            observer.on_tool_result(call, tool_result);
            conversation.add_tool_output(call.call_id, tool_result.output);
            observer.on_item(conversation.items().back());
            if (settings_.accepts_images && !tool_result.images.empty()) {
                images.push_back({call.call_id, call.name, std::move(tool_result.images)});
            }
        }
        // After all the outputs: a message between a call and its output breaks the history.
        if (!images.empty()) {
            conversation.add_tool_images(images);
            observer.on_item(conversation.items().back());
        }
    }
}

}  // namespace klaude::core
