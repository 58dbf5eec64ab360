// The configuration that applies when $KLAUDE_HOME/config.json does not exist, and under any
// user file (which merges over it by id). Parsed by the same loader as user files; the tests
// check that it loads and holds what the comments promise.
#include "core/config/embedded_config.h"

namespace klaude::core {

namespace {

// No model is named here: model ids are retired and added on the servers' schedule, so the
// models come from each provider's live catalog (core/catalog), cached, with the plugins'
// built-in lists as the fallback. The default is the codex provider's first listed model.
constexpr std::string_view kDefaultConfig = R"json({
  "providers": [
    {
      // OpenAI Responses API with an API key. $OPENAI_BASE_URL, when set, replaces base_url.
      "id": "openai",
      "protocol": "responses",
      "base_url": "https://api.openai.com/v1",
      "base_url_env": "OPENAI_BASE_URL",
      "api_key_env": "OPENAI_API_KEY"
    },
    {
      // ChatGPT subscription through the Codex backend ('klaude auth login codex').
      "id": "codex",
      "protocol": "codex",
      "base_url": "https://chatgpt.com/backend-api/codex",
      "base_url_env": "KLAUDE_CODEX_BASE_URL"
    },
    {
      // A local Ollama server (OpenAI-compatible Chat Completions, no key): -m ollama/<model>.
      "id": "ollama",
      "protocol": "chat",
      "base_url": "http://localhost:11434/v1",
      "base_url_env": "OLLAMA_BASE_URL"
    },
    {
      // OpenRouter (Chat Completions, key in $OPENROUTER_API_KEY): -m openrouter/<vendor/model>.
      "id": "openrouter",
      "protocol": "chat",
      "base_url": "https://openrouter.ai/api/v1",
      "api_key_env": "OPENROUTER_API_KEY"
    },
    {
      // Anthropic's Messages API (docs/anthropic.md), key in $ANTHROPIC_API_KEY;
      // $ANTHROPIC_BASE_URL, when set, replaces base_url: -m anthropic/<model>.
      "id": "anthropic",
      "protocol": "anthropic",
      "base_url": "https://api.anthropic.com",
      "base_url_env": "ANTHROPIC_BASE_URL",
      "api_key_env": "ANTHROPIC_API_KEY"
    }
  ],
  "models": [],
  // A provider alone: the first listed model of its catalog.
  "default_model": "codex"
}
)json";

}  // namespace

std::string_view embedded_default_config() {
    return kDefaultConfig;
}

}  // namespace klaude::core
