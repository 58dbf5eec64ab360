// The `instructions` of every Codex request. The ChatGPT Codex backend rejects requests without
// them, and has at times accepted only the official Codex CLI prompt, so they are
// configurable per model in the provider options:
//
//   "options": {"instructions": "…for every model…",
//               "model_instructions": {"gpt-5.1-codex": "…"}}
//
// When instructions are configured (for the model, else for all), they become `instructions`
// and the caller's own system prompt, if any, moves to the front of the input as a developer
// message, so nothing is lost. Without configuration the caller's prompt is used, or a short
// built-in one when the caller has none.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace klaude::codex {

class CodexInstructions {
  public:
    // Reads the provider's "options" JSON text. Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT)
    // naming the field when the types are wrong.
    static CodexInstructions from_options(std::string_view options_json);

    // Sets body.instructions as described above (body.model picks the per-model text).
    void apply(rapidjson::Document& body) const;

    static const char* built_in();

  private:
    std::string all_models_;
    std::map<std::string, std::string> per_model_;
};

}  // namespace klaude::codex
