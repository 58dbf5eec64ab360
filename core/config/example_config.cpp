// What 'klaude config init' writes to $KLAUDE_HOME/config.json: a working config that restates
// the defaults, with commented examples of everything users commonly change. It must parse as
// is (tested), so the live parts are only ever harmless restatements.
#include "core/config/embedded_config.h"

namespace klaude::core {

namespace {

constexpr std::string_view kExampleConfig =
    R"json(// klaude configuration. JSON with // and /* */ comments and trailing commas allowed.
//
// This file merges over klaude's built-in defaults BY ID: an entry whose "id" (provider) or
// "name" (model) matches a built-in one changes only the fields it sets (null clears a field;
// in "headers" and "options" a null value removes that key); other entries are added.
// Precedence: command line (-m) > environment (KLAUDE_MODEL, *_env variables) > this file >
// built-in defaults. 'klaude list' shows the result.
//
// Choosing a model: -m NAME (a model below) or -m PROVIDER/MODEL_ID (any model id through a
// configured provider, no edit needed here), e.g. 'klaude exec -m openai/gpt-4.1 "hi"'.
{
  "providers": [
    {
      // A provider: "id" is what -m PROVIDER/... and 'klaude auth ... PROVIDER' use;
      // "protocol" is the plugin provider that speaks to it (see 'klaude plugins').
      "id": "openai",
      "protocol": "responses",
      // The API key is read from this environment variable; never put a key in this file.
      "api_key_env": "OPENAI_API_KEY",
      // When $OPENAI_BASE_URL is set it replaces base_url.
      "base_url_env": "OPENAI_BASE_URL",
      // "base_url": "https://api.openai.com/v1",
      // Extra HTTP headers, or overrides of the plugin's own:
      // "headers": { "OpenAI-Organization": "org-..." },
    },

    // Codex: your ChatGPT Plus/Pro/Team subscription. Sign in with 'klaude auth login codex'
    // (or 'klaude login'); tokens are kept in ~/.klaude/codex-auth.json (mode 0600).
    {
      "id": "codex",
      "protocol": "codex",
      // Backend; $KLAUDE_CODEX_BASE_URL, when set, replaces it (e.g. a local test server).
      "base_url_env": "KLAUDE_CODEX_BASE_URL",
      // "base_url": "https://chatgpt.com/backend-api/codex",
      // "options": {
      //   // OAuth issuer for sign-in and token refresh; $KLAUDE_CODEX_ISSUER, when set,
      //   // replaces it.
      //   "issuer": "https://auth.openai.com"
      // },
      // "headers": { "User-Agent": "my-agent/1.0" },
    },

    // Another endpoint speaking the Responses API, e.g. a local or proxy server:
    // {
    //   "id": "local",
    //   "protocol": "responses",
    //   "base_url": "http://127.0.0.1:8080/v1",
    //   "api_key_env": "LOCAL_API_KEY"
    // },
  ],

  "models": [
    // A model: "name" is what -m NAME and default_model use; "provider" a provider id above;
    // "model_id" what is sent to the provider (defaults to "name").
    {
      "name": "gpt-5.1",
      "provider": "openai",
      "model_id": "gpt-5.1",
      // "reasoning_effort": "medium",   // none | minimal | low | medium | high | xhigh
      // "reasoning_summary": "auto",    // auto | concise | detailed | none
      // "verbosity": "medium",          // low | medium | high
      // "context_window": 272000,       // input tokens; older history is compacted near it
      // "max_output_tokens": 128000,
    },
    {
      "name": "gpt-5.1-codex",
      "provider": "codex",
      "model_id": "gpt-5.1-codex",
      // "reasoning_effort": "high",
      // Per-model system prompt, replacing klaude's default one (the Codex backend has at
      // times accepted only its official prompt):
      // "instructions": "You are a coding agent running in klaude...",
    },
    {
      "name": "gpt-5.1-codex-mini",
      "provider": "codex",
      "model_id": "gpt-5.1-codex-mini",
    },
    // Same model, other settings, under a new name: -m codex-high
    // {
    //   "name": "codex-high",
    //   "provider": "codex",
    //   "model_id": "gpt-5.1-codex",
    //   "reasoning_effort": "high"
    // },
  ],

  // Used when -m is not given and $KLAUDE_MODEL is not set.
  "default_model": "gpt-5.1-codex",
}
)json";

}  // namespace

std::string_view example_config() {
    return kExampleConfig;
}

}  // namespace klaude::core
