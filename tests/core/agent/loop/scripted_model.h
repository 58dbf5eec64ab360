// A ModelClient that answers each request with the next scripted response and records the
// requests, for driving the agent loop in-process. (End-to-end tests run the real plugins
// against loopback servers.)
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/agent/model_client.h"

namespace klaude::testing {

struct ScriptedEvent {
    klaude_event_type_t type;
    std::string data;
};

class ScriptedModel : public klaude::core::ModelClient {
  public:
    using Response = std::vector<ScriptedEvent>;

    void add_response(Response response) { responses_.push_back(std::move(response)); }
    // Called between events of the next response, e.g. to cancel mid-stream.
    std::function<void()> during_stream;

    void stream(std::string_view request_json, const EventCallback& on_event) override {
        requests_.emplace_back(request_json);
        if (next_ >= responses_.size()) {
            throw std::runtime_error("scripted model: no response left for request " +
                                     std::to_string(requests_.size()));
        }
        for (const ScriptedEvent& event : responses_[next_]) {
            on_event(event.type, event.data);
        }
        ++next_;
    }
    void cancel() noexcept override { ++cancels_; }

    const std::vector<std::string>& requests() const { return requests_; }
    int cancels() const { return cancels_; }

  private:
    std::vector<Response> responses_;
    std::vector<std::string> requests_;
    size_t next_ = 0;
    int cancels_ = 0;
};

// A response that calls tools (one TOOL_CALL event per call) and completes.
inline ScriptedModel::Response tool_calls(
    const std::vector<std::tuple<std::string, std::string, std::string>>& calls) {
    ScriptedModel::Response response;
    for (const auto& [id, name, arguments] : calls) {
        std::string escaped;
        for (char c : arguments) {
            if (c == '"' || c == '\\') {
                escaped += '\\';
            }
            escaped += c;
        }
        response.push_back({KLAUDE_EVENT_TOOL_CALL, "{\"call_id\":\"" + id + "\",\"name\":\"" +
                                                        name + "\",\"arguments\":\"" + escaped +
                                                        "\"}"});
    }
    response.push_back({KLAUDE_EVENT_USAGE,
                        "{\"input_tokens\":10,\"output_tokens\":5,"
                        "\"total_tokens\":15}"});
    response.push_back({KLAUDE_EVENT_COMPLETED, "{\"status\":\"completed\"}"});
    return response;
}

// A response that answers with text and completes.
inline ScriptedModel::Response answer(const std::string& text) {
    return {{KLAUDE_EVENT_TEXT_DELTA, text},
            {KLAUDE_EVENT_USAGE, "{\"input_tokens\":20,\"output_tokens\":3,\"total_tokens\":23}"},
            {KLAUDE_EVENT_COMPLETED, "{\"status\":\"completed\"}"}};
}

}  // namespace klaude::testing
