// The `anthropic` plugin: AnthropicClient as the provider "anthropic", Anthropic's Messages API.
// Its descriptor lists a snapshot of current Claude models with their catalog; the live list
// (GET /v1/models) replaces it whenever the server can be asked.
#include "klaude/sdk/plugin.hpp"
#include "plugins/anthropic/anthropic_client.h"
#include "plugins/anthropic/anthropic_models.h"

namespace klaude::anthropic {
namespace {

class AnthropicPlugin : public sdk::Plugin {
  public:
    explicit AnthropicPlugin(sdk::Host host) : Plugin(host) {
        add_provider({"anthropic", "Anthropic", "anthropic-messages",
                      "Claude models through Anthropic's Messages API (key in "
                      "$ANTHROPIC_API_KEY)",
                      builtin_models()},
                     builtin_catalog_json());
    }

    std::unique_ptr<sdk::LlmClient> create_client(const std::string&,
                                                  std::string_view config_json) override {
        return std::make_unique<AnthropicClient>(AnthropicConfig::from_json(config_json), host());
    }
};

}  // namespace
}  // namespace klaude::anthropic

KLAUDE_PLUGIN(klaude::anthropic::AnthropicPlugin, "dev.klaude.anthropic", "Anthropic",
              KLAUDE_VERSION, "klaude",
              "Anthropic Messages API client (streaming SSE, tools, extended thinking)");
