// The conversation a turn sends: instructions, the items so far (user messages, assistant
// output, tool calls and their outputs, reasoning items) and the turn's settings, turned into
// the provider-neutral request JSON of sdk/include/klaude/abi/client.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/agent/tools/tool.h"

namespace klaude::core {

struct TurnSettings {
    std::string model_id;
    // The plugin provider the requests go to ("responses", "anthropic"…). Output items are
    // tagged with it; other providers' opaque state is withheld (core/agent/item_origin.h).
    std::string origin;
    std::string instructions;
    std::string session_id;
    std::optional<std::string> reasoning_effort;
    std::optional<std::string> reasoning_summary;
    std::optional<std::string> verbosity;
    std::optional<uint64_t> max_output_tokens;
    std::string tools_json = "[]";  // [{"name","description","parameters"}]
    bool parallel_tool_calls = true;
    uint64_t context_window = 0;  // the model's input limit in tokens; 0 = unknown
    // The model takes image inputs (its catalog says so): images tools return are sent to it.
    bool accepts_images = false;
};

// The images one tool call returned, for Conversation::add_tool_images.
struct ToolCallImages {
    std::string call_id;
    std::string tool_name;
    std::vector<agent::ToolImage> images;
};

class Conversation {
  public:
    void add_user_message(const std::string& text);
    // An item in the provider-neutral form (a KLAUDE_EVENT_OUTPUT_ITEM payload, or a
    // function_call_output). Throws std::invalid_argument when it is not a JSON object.
    void add_item(const std::string& item_json);
    // Same, for an item the caller has already parsed and found to be a JSON object: stored as
    // is, without parsing it again (output items can be megabytes).
    void add_checked_item(std::string item_json) { items_.push_back(std::move(item_json)); }
    void add_tool_output(const std::string& call_id, const std::string& output);
    // A user message with the images tools returned, each group after a line naming its call.
    // A function_call_output is text only in the ABI, so this is how a model that accepts
    // images sees them (the outputs themselves hold a placeholder).
    void add_tool_images(const std::vector<ToolCallImages>& calls);

    const std::vector<std::string>& items() const { return items_; }
    void clear() { items_.clear(); }
    void replace_items(std::vector<std::string> items) { items_ = std::move(items); }

    // A rough token count of what a request would carry: bytes / 4, the usual rule of thumb
    // for English and code. Used only to decide when to shrink the history.
    uint64_t estimated_tokens() const;

    // Shortens the outputs of all but the last `keep_last` tool calls to `keep_chars`
    // characters plus a note. Returns the number of bytes removed.
    size_t trim_tool_outputs(size_t keep_last, size_t keep_chars);

    std::string build_request(const TurnSettings& settings) const;

  private:
    std::vector<std::string> items_;  // each one JSON object
};

// A fresh random session id (UUID v4 text).
std::string new_session_id();

}  // namespace klaude::core
