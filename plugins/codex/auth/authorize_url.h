// The URL that starts a ChatGPT sign-in in the browser.
#pragma once

#include <string>

namespace klaude::codex {

struct AuthorizeRequest {
    std::string issuer;  // without trailing slash
    std::string client_id;
    std::string redirect_uri;
    std::string code_challenge;
    std::string state;
};

// {issuer}/oauth/authorize?response_type=code&client_id=…&redirect_uri=…&scope=…
// &code_challenge=…&code_challenge_method=S256&id_token_add_organizations=true
// &codex_cli_simplified_flow=true&state=…&originator=codex_cli_rs, every value percent-encoded.
std::string build_authorize_url(const AuthorizeRequest& request);

}  // namespace klaude::codex
