// The codex plugin's configuration, from the provider JSON the host passes to create_client
// and to the auth factory (klaude/abi/provider.h):
//
//   {"id":"codex","protocol":"codex","base_url":"…","headers":{…},
//    "options":{"issuer":"https://auth.openai.com","client_id":"app_…","ca_file":"…",
//               "instructions":"…","model_instructions":{"gpt-6.2-sol":"…"},
//               "client_version":"0.171.0","originator":"codex_exec","user_agent":"…",
//               "refresh_request":"json"|"form"}}
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
// The Codex CLI release whose requests klaude's match (docs/codex.md): sent as `version`, as
// `client_version` on the models request, and in the User-Agent. The backend gates models by
// it (minimal_client_version), so it moves with the bundled catalog (bundled_models.json).
inline constexpr const char* kDefaultClientVersion = "0.171.0";
inline constexpr const char* kClientVersionEnv = "KLAUDE_CODEX_CLIENT_VERSION";
// What `codex exec` sends as `originator` and as the User-Agent's product.
inline constexpr const char* kDefaultOriginator = "codex_exec";

struct CodexSettings {
    std::string issuer;  // without trailing slash
    std::string client_id;
    std::string ca_file;  // PEM bundle for the sign-in server; empty: system CAs
    std::string home;     // $KLAUDE_HOME
    // Options.client_version, else $KLAUDE_CODEX_CLIENT_VERSION, else kDefaultClientVersion.
    std::string client_version;
    std::string originator;  // options.originator, else kDefaultOriginator
    std::string user_agent;  // options.user_agent; empty: the Codex CLI's form (codex_identity.h)
    // How refresh requests are encoded: JSON as the Codex CLI sends them (default), or an
    // RFC 6749 form for standard authorization servers.
    bool refresh_as_json = true;

    // Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT) naming the field when the JSON is bad.
    static CodexSettings from_json(std::string_view config_json, std::string klaude_home);
};

}  // namespace klaude::codex
