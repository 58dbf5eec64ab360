// The OpenAI models list (GET {base_url}/models: {"object":"list","data":[{"id":"…",
// "created":N,"owned_by":"…"}]}) as a klaude model catalog (docs/plugin-authoring.md), merged
// with what klaude knows of the model families: the list itself says nothing about context
// windows or reasoning. Servers that speak the same API (aimock, gateways) answer the same way.
#pragma once

#include <string>
#include <string_view>

namespace klaude::responses {

// Throws sdk::Error(KLAUDE_ERROR_PROTOCOL) when `body` is not such a list. Models that are
// not text-generation models (embeddings, audio, images, moderation) are hidden, newest first
// otherwise.
std::string catalog_from_openai_models(std::string_view body);

}  // namespace klaude::responses
