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
// Choosing a model: -m NAME (a model below), -m PROVIDER/MODEL_ID (any model id through a
// configured provider, no edit needed here), -m PROVIDER (its first listed model), or a bare
// model id from 'klaude models'. Models come from each provider's live catalog: 'klaude models'
// lists them; nothing here needs to name one.
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

    // OpenAI-compatible Chat Completions servers (docs/chat.md): a local Ollama (no key;
    // $OLLAMA_BASE_URL replaces base_url) and OpenRouter ($OPENROUTER_API_KEY) are built in:
    // -m ollama/<model>, -m openrouter/<vendor/model>.
    {
      "id": "ollama",
      "protocol": "chat",
      // "base_url": "http://localhost:11434/v1",
      // Don't ask the server for its models at every list (say, when it is often off):
      // "list_models": false,
    },
    // Anthropic's Messages API (docs/anthropic.md), built in: key in $ANTHROPIC_API_KEY,
    // $ANTHROPIC_BASE_URL replaces base_url: -m anthropic/<model>.
    {
      "id": "anthropic",
      "protocol": "anthropic",
      // "base_url": "https://api.anthropic.com",
      // "options": {
      //   "prompt_caching": true,          // cache_control on system, tools, last message
      //   "max_tokens": 8192,              // when the request and the model table give none
      //   "thinking_budgets": {"low": 1024, "medium": 4096, "high": 16384}
      // },
    },
    // Another endpoint: "protocol" is "responses" (Responses API) or "chat" (Chat Completions,
    // e.g. vLLM, llama.cpp's server, LM Studio):
    // {
    //   "id": "local",
    //   "protocol": "chat",
    //   "base_url": "http://127.0.0.1:8080/v1",
    //   "api_key_env": "LOCAL_API_KEY"
    // },
  ],

  "models": [
    // A model under a name of your own, with its settings: -m NAME. "provider" is a provider
    // id above; "model_id" what is sent to the provider (defaults to "name"). Settings left
    // out come from the provider's catalog (context window, default reasoning and verbosity).
    // {
    //   "name": "deep",
    //   "provider": "codex",
    //   "model_id": "gpt-6.2-sol",         // see 'klaude models codex'
    //   "reasoning_effort": "high",        // one of the model's levels ('klaude models')
    //   "reasoning_summary": "auto",       // auto | concise | detailed | none
    //   "verbosity": "medium",             // low | medium | high
    //   "context_window": 272000,          // input tokens; older history is compacted near it
    //   "max_output_tokens": 128000,
    //   // Per-model system prompt, replacing klaude's default one:
    //   "instructions": "You are a coding agent running in klaude...",
    // },
  ],

  // Used when -m is not given and $KLAUDE_MODEL is not set: a model name, PROVIDER/MODEL_ID,
  // or a provider alone (its catalog's first listed model).
  "default_model": "codex",

  // Model catalogs: a cached list older than this many seconds is fetched again when a
  // command needs it (0: every time) ...
  "catalog_ttl_s": 300,
  // ... waiting at most this long for the server; then the cache or the plugin's list is used.
  "catalog_timeout_ms": 5000,
}
)json";

}  // namespace

std::string_view example_config() {
    return kExampleConfig;
}

}  // namespace klaude::core
