// The fixed facts of ChatGPT sign-in: the public OAuth client the Codex CLI registered with
// OpenAI, its default issuer, scope and loopback redirect. klaude signs in as that client, so
// these values must match what OpenAI has on file for it (redirect ports included).
#pragma once

#include <cstdint>

namespace klaude::codex {

inline constexpr const char* kClientId = "app_EMoamEEZ73f0CkXaXp7hrann";
inline constexpr const char* kDefaultIssuer = "https://auth.openai.com";
inline constexpr const char* kScope = "openid profile email offline_access";
// The registered redirect is http://localhost:<port>/auth/callback on one of these ports.
inline constexpr uint16_t kDefaultCallbackPort = 1455;
inline constexpr uint16_t kFallbackCallbackPort = 1457;
inline constexpr const char* kCallbackPath = "/auth/callback";
// Sent as `originator` on the authorize URL and on backend calls: the backend and the consent
// page know the Codex CLI by this name.
inline constexpr const char* kOriginator = "codex_cli_rs";
// What the user runs to fix any sign-in problem; every such message names it.
inline constexpr const char* kLoginCommand = "klaude auth login codex";

}  // namespace klaude::codex
