// The `codex` plugin: the ChatGPT/Codex provider and its auth hook.
#include "klaude/sdk/plugin.hpp"
#include "plugins/responses/responses_client.h"

namespace klaude::codex {
namespace {

class CodexPlugin : public sdk::Plugin {
  public:
    explicit CodexPlugin(sdk::Host host) : Plugin(host) {
        add_provider({"codex",
                      "ChatGPT (Codex)",
                      "openai-responses",
                      "Codex models on a ChatGPT Plus/Pro/Team subscription",
                      {{"gpt-5.1-codex", "GPT-5.1 Codex", 272000, 128000,
                        KLAUDE_MODEL_REASONING | KLAUDE_MODEL_TOOLS | KLAUDE_MODEL_IMAGES},
                       {"gpt-5.1-codex-mini", "GPT-5.1 Codex mini", 272000, 128000,
                        KLAUDE_MODEL_REASONING | KLAUDE_MODEL_TOOLS | KLAUDE_MODEL_IMAGES}}});
    }

    std::unique_ptr<sdk::LlmClient> create_client(const std::string&,
                                                  std::string_view config_json) override {
        return std::make_unique<responses::ResponsesClient>(
            responses::ResponsesConfig::from_json(config_json), host());
    }
};

}  // namespace
}  // namespace klaude::codex

KLAUDE_PLUGIN(klaude::codex::CodexPlugin, "dev.klaude.codex", "ChatGPT / Codex", KLAUDE_VERSION,
              "klaude", "ChatGPT sign-in and the Codex backend");
