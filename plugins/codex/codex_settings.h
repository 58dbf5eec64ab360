// The codex plugin's configuration, from the provider JSON the host passes to create_client
// and to the auth factory (klaude/abi/provider.h):
//
//   {"id":"codex","protocol":"codex","base_url":"…","headers":{…},
//    "options":{"issuer":"https://auth.openai.com","client_id":"app_…","ca_file":"…",
//               "instructions":"…","model_instructions":{"gpt-5.1-codex":"…"}}}
//
// Every endpoint can be moved (tests, proxies): the issuer by options.issuer or the
// environment variable KLAUDE_CODEX_ISSUER (which wins), the backend by base_url or
// KLAUDE_CODEX_BASE_URL (handled with the Responses configuration).
#pragma once

#include <string>
#include <string_view>

namespace klaude::codex {

inline constexpr const char* kDefaultBackendUrl = "https://chatgpt.com/backend-api/codex";
inline constexpr const char* kIssuerEnv = "KLAUDE_CODEX_ISSUER";
inline constexpr const char* kBackendUrlEnv = "KLAUDE_CODEX_BASE_URL";

struct CodexSettings {
    std::string issuer;  // without trailing slash
    std::string client_id;
    std::string ca_file;  // PEM bundle for the sign-in server; empty: system CAs
    std::string home;     // $KLAUDE_HOME

    // Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT) naming the field when the JSON is bad.
    static CodexSettings from_json(std::string_view config_json, std::string klaude_home);
};

}  // namespace klaude::codex
