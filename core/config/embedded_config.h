// Config texts compiled into klaude: the default that applies with no user file, and the
// commented example `klaude config init` writes.
#pragma once

#include <string_view>

namespace klaude::core {

// Providers openai (Responses API, OPENAI_API_KEY) and codex (ChatGPT sign-in), their current
// models with context windows, and the default model.
std::string_view embedded_default_config();

// A commented JSONC config.json for users to edit; parses with the loader as is.
std::string_view example_config();

}  // namespace klaude::core
