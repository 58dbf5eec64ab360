#include "plugins/codex/auth/authorize_url.h"

#include "plugins/codex/auth/oauth_constants.h"
#include "plugins/codex/auth/url_encoding.h"

namespace klaude::codex {

std::string build_authorize_url(const AuthorizeRequest& request) {
    const FormFields query = {
        {"response_type", "code"},
        {"client_id", request.client_id},
        {"redirect_uri", request.redirect_uri},
        {"scope", kScope},
        {"code_challenge", request.code_challenge},
        {"code_challenge_method", "S256"},
        // Puts the user's organisations into the id token (the account picker needs them).
        {"id_token_add_organizations", "true"},
        // Asks OpenAI for the short consent page it shows the Codex CLI.
        {"codex_cli_simplified_flow", "true"},
        {"state", request.state},
        {"originator", kOriginator},
    };
    return request.issuer + "/oauth/authorize?" + encode_form(query);
}

}  // namespace klaude::codex
