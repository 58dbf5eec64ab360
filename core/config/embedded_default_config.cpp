// The configuration that applies when $KLAUDE_HOME/config.json does not exist, and under any
// user file (which merges over it by id). Parsed by the same loader as user files; the tests
// check that it loads and holds what the comments promise.
#include "core/config/embedded_config.h"

namespace klaude::core {

namespace {

// Context windows: the GPT-5 family takes 400k tokens in total, of which up to 128k are
// output, so the input context (what the agent compacts against) is 272k, as in Codex CLI.
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
    }
  ],
  "models": [
    {
      "name": "gpt-5.1",
      "provider": "openai",
      "model_id": "gpt-5.1",
      "reasoning_summary": "auto",
      "context_window": 272000,
      "max_output_tokens": 128000
    },
    {
      "name": "gpt-5.1-codex",
      "provider": "codex",
      "model_id": "gpt-5.1-codex",
      "reasoning_summary": "auto",
      "context_window": 272000,
      "max_output_tokens": 128000
    },
    {
      "name": "gpt-5.1-codex-mini",
      "provider": "codex",
      "model_id": "gpt-5.1-codex-mini",
      "reasoning_summary": "auto",
      "context_window": 272000,
      "max_output_tokens": 128000
    }
  ],
  "default_model": "gpt-5.1-codex"
}
)json";

}  // namespace

std::string_view embedded_default_config() {
    return kDefaultConfig;
}

}  // namespace klaude::core
