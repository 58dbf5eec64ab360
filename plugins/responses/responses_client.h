// The OpenAI Responses API client.
#pragma once

#include <string>
#include <string_view>

#include "klaude/sdk/client.hpp"

namespace klaude::responses {

class ResponsesClient : public sdk::LlmClient {
public:
    explicit ResponsesClient(std::string config_json) : config_json_(std::move(config_json)) {}
    void stream(std::string_view request_json, const sdk::EventSink& sink) override;

protected:
    std::string config_json_;
};

}  // namespace klaude::responses
