// The loop's view of a model: stream a request, get events, cancel. PluginClient implements it
// for plugin providers; tests implement it with scripted responses.
#pragma once

#include <functional>
#include <string_view>

#include "klaude/abi/events.h"

namespace klaude::core {

class ModelClient {
  public:
    using EventCallback = std::function<void(klaude_event_type_t type, std::string_view data)>;
    virtual ~ModelClient() = default;
    // Blocks until the response completes; throws (PluginError) on failure.
    virtual void stream(std::string_view request_json, const EventCallback& on_event) = 0;
    // [thread-safe]
    virtual void cancel() noexcept = 0;
};

}  // namespace klaude::core
