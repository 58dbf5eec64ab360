// The `responses` plugin: exposes ResponsesClient as the provider "responses".
#include "klaude/sdk/plugin.hpp"
#include "plugins/responses/responses_client.h"

namespace klaude::responses {
namespace {

class ResponsesPlugin : public sdk::Plugin {
  public:
    explicit ResponsesPlugin(sdk::Host host) : Plugin(host) {
        add_provider({"responses",
                      "OpenAI Responses API",
                      "openai-responses",
                      "Any model served by an OpenAI-compatible /v1/responses endpoint",
                      {{"gpt-5.1", "GPT-5.1", 400000, 128000,
                        KLAUDE_MODEL_REASONING | KLAUDE_MODEL_TOOLS | KLAUDE_MODEL_IMAGES}}});
    }

    std::unique_ptr<sdk::LlmClient> create_client(const std::string&,
                                                  std::string_view config_json) override {
        return std::make_unique<ResponsesClient>(ResponsesConfig::from_json(config_json), host());
    }
};

}  // namespace
}  // namespace klaude::responses

KLAUDE_PLUGIN(klaude::responses::ResponsesPlugin, "dev.klaude.responses", "OpenAI Responses",
              KLAUDE_VERSION, "klaude", "OpenAI Responses API client (streaming SSE, tools)");
