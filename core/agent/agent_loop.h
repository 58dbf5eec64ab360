// One turn of the agent: send the conversation to the model, stream the answer, run the tools
// it calls, send their outputs back, and repeat until the model answers without tool calls,
// the step limit is hit, or the user cancels. Works with every provider plugin: it only speaks
// the provider-neutral request and the ABI events.
#pragma once

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "core/agent/conversation.h"
#include "core/agent/model_client.h"
#include "core/agent/tools/tool_registry.h"
#include "core/agent/usage.h"

namespace klaude::core {

struct ToolCall {
    std::string call_id;
    std::string name;
    std::string arguments;  // JSON text, as the model wrote it
};

// What a front end sees of a turn. Every method is called on the thread running the turn.
class TurnObserver {
  public:
    virtual ~TurnObserver() = default;
    // Raw model events (text and reasoning deltas, usage, rate limits, flush…).
    virtual void on_model_event(klaude_event_type_t type, std::string_view data) {
        (void)type;
        (void)data;
    }
    virtual void on_tool_call(const ToolCall& call) { (void)call; }
    virtual void on_tool_result(const ToolCall& call, const agent::ToolResult& result) {
        (void)call;
        (void)result;
    }
    // An item was appended to the conversation (sessions persist it).
    virtual void on_item(const std::string& item_json) { (void)item_json; }
    // The history was shortened (old tool outputs trimmed, or compacted into a summary);
    // `items` is the whole new history.
    virtual void on_history_replaced(const std::vector<std::string>& items) { (void)items; }
};

struct TurnResult {
    enum class Outcome { kCompleted, kMaxSteps, kCancelled };
    Outcome outcome = Outcome::kCompleted;
    int model_calls = 0;
    Usage usage;             // summed over the turn's model calls
    std::string final_text;  // the text of the last model response
};

class AgentLoop {
  public:
    // `client`, `tools` and `tool_context` must outlive the loop. `settings.tools_json` is
    // filled from `tools`.
    AgentLoop(ModelClient& client, const agent::ToolRegistry& tools,
              agent::ToolContext& tool_context, TurnSettings settings, int max_steps = 50);

    // Adds `prompt` as a user message and runs the turn. Throws PluginError when a model call
    // fails (the conversation keeps what was completed).
    TurnResult run_turn(Conversation& conversation, const std::string& prompt,
                        TurnObserver& observer);

    // Replaces the history by a summary the model writes (the /compact command; also done
    // automatically when a request nears the context window). Returns false when there is
    // nothing to compact. Throws PluginError when the model call fails.
    bool compact(Conversation& conversation, TurnObserver& observer);

    // [thread-safe] Cancels the running turn: the model call and any running tool.
    void cancel() noexcept;
    // Clears a previous cancel before the next turn.
    void reset_cancel() noexcept { cancelled_.store(false); }

    TurnSettings& settings() { return settings_; }
    const Usage& session_usage() const { return session_usage_; }

  private:
    struct Response {
        std::vector<std::string> items;  // output items in order
        std::vector<ToolCall> calls;
        std::string text;
        Usage usage;
    };
    Response call_model(const Conversation& conversation, TurnObserver& observer);
    void append(Conversation& conversation, std::string item, TurnObserver& observer);
    // Before a model call: trims old tool outputs, then compacts, when the history nears the
    // context window.
    void fit_context(Conversation& conversation, TurnObserver& observer);

    ModelClient& client_;
    const agent::ToolRegistry& tools_;
    agent::ToolContext& tool_context_;
    TurnSettings settings_;
    int max_steps_;
    std::atomic<bool> cancelled_{false};
    Usage session_usage_;
    uint64_t last_input_tokens_ = 0;  // what the provider counted for the last request
};

}  // namespace klaude::core
