// What klaude_client_t.stream promises (klaude/abi/client.h, events.h), checked by the host
// for every call, so a plugin that breaks it fails in one line that names it instead of
// leaving the agent half-working:
//  - a stream that returns KLAUDE_OK has delivered KLAUDE_EVENT_COMPLETED;
//  - every tool call is a KLAUDE_EVENT_TOOL_CALL: a function_call output item whose call_id
//    no TOOL_CALL event named would never run, and the next request would carry a call
//    without its output (which servers refuse). A TOOL_CALL without an item is fine: the host
//    adds the item.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "klaude/abi/events.h"

namespace klaude::core {

class StreamContract {
  public:
    // Every event of one stream call, in order.
    void observe(klaude_event_type_t type, std::string_view data);
    // After the call returned KLAUDE_OK: what the plugin got wrong (one line, without the
    // plugin's name), or nullopt.
    std::optional<std::string> violation() const;

  private:
    bool completed_ = false;
    std::unordered_set<std::string> tool_calls_;
    std::vector<std::string> call_items_;  // call_ids of function_call items, in order
};

}  // namespace klaude::core
