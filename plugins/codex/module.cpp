// The `codex` plugin: the ChatGPT/Codex provider and its auth hook.
#include <ctime>

#include "klaude/sdk/plugin.hpp"
#include "plugins/codex/codex_auth.h"
#include "plugins/codex/codex_catalog.h"
#include "plugins/codex/codex_client.h"
#include "plugins/codex/codex_settings.h"

namespace klaude::codex {
namespace {

int64_t wall_clock() {
    return static_cast<int64_t>(std::time(nullptr));
}

class CodexPlugin : public sdk::Plugin {
  public:
    explicit CodexPlugin(sdk::Host host) : Plugin(host) {
        // The bundled catalog is the fallback when neither the backend nor the host's cache
        // can answer (ABI 1.1); its listed models are the static list ABI 1.0 hosts see.
        std::string catalog =
            catalog_from_codex_models(bundled_codex_models(), kDefaultClientVersion);
        std::vector<sdk::ModelInfo> models = listed_models(catalog);
        add_provider({"codex", "ChatGPT (Codex)", "openai-responses",
                      "Codex models on a ChatGPT Plus/Pro/Team subscription", std::move(models)},
                     std::move(catalog));
        add_auth(codex_auth_info("codex"));
    }

    std::unique_ptr<sdk::LlmClient> create_client(const std::string&,
                                                  std::string_view config_json) override {
        return std::make_unique<CodexClient>(
            codex_responses_config(config_json),
            CodexSettings::from_json(config_json, host().home_dir()), host(), wall_clock);
    }

    std::unique_ptr<sdk::AuthProvider> create_auth(const std::string&,
                                                   std::string_view config_json) override {
        return std::make_unique<CodexAuth>(std::make_unique<HostLoginUi>(host()),
                                           CodexSettings::from_json(config_json, host().home_dir()),
                                           wall_clock);
    }
};

}  // namespace
}  // namespace klaude::codex

KLAUDE_PLUGIN(klaude::codex::CodexPlugin, "dev.klaude.codex", "ChatGPT / Codex", KLAUDE_VERSION,
              "klaude", "ChatGPT sign-in and the Codex backend");
