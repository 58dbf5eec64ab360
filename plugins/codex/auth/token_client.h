// The issuer's token endpoint: turns an authorization code into tokens, and a refresh token
// into new ones. The code exchange is form-encoded (RFC 6749 §4.1.3), as the Codex CLI sends
// it. The refresh is JSON by default, again as the Codex CLI sends it to auth.openai.com
// (golden capture, docs/codex.md); standard servers such as oidc-provider accept only the RFC
// 6749 §6 form, which RefreshEncoding::kForm (provider option refresh_request "form") sends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "klaude/sdk/error.hpp"
#include "plugins/codex/auth/http_post.h"
#include "plugins/codex/auth/token_set.h"

namespace klaude::codex {

struct TokenResponse {
    std::string access_token;
    std::string refresh_token;  // empty when the server kept the old one
    std::string id_token;
    std::optional<int64_t> expires_in;
};

enum class RefreshFailure {
    kExpired,      // refresh_token_expired: the login is too old
    kReused,       // refresh_token_reused: someone else already spent this refresh token
    kInvalidated,  // refresh_token_invalidated / revoked: signed out elsewhere
    kRejected,     // any other refusal (401, invalid_grant, …)
    kTransient     // 5xx, 429, network: try again later
};

// A refresh that failed; permanent kinds say "sign in again: klaude auth login codex".
class RefreshError : public sdk::Error {
  public:
    RefreshError(RefreshFailure kind, klaude_status_t status, const std::string& message)
        : sdk::Error(status, message), kind_(kind) {}
    RefreshFailure kind() const noexcept { return kind_; }
    bool transient() const noexcept { return kind_ == RefreshFailure::kTransient; }

  private:
    RefreshFailure kind_;
};

enum class RefreshEncoding { kJson, kForm };

class TokenClient {
  public:
    // `issuer` without trailing slash; the token endpoint is {issuer}/oauth/token.
    TokenClient(std::string issuer, std::string client_id, HttpOptions http = {},
                RefreshEncoding refresh_encoding = RefreshEncoding::kJson);

    // grant_type=authorization_code. Throws sdk::Error: KLAUDE_ERROR_AUTH with the server's
    // reason when it refuses, KLAUDE_ERROR_NETWORK, KLAUDE_ERROR_PROTOCOL.
    TokenResponse exchange_code(const std::string& code, const std::string& redirect_uri,
                                const std::string& code_verifier) const;

    // grant_type=refresh_token. Throws RefreshError.
    TokenResponse refresh(const std::string& refresh_token) const;

    const std::string& issuer() const noexcept { return issuer_; }
    const std::string& client_id() const noexcept { return client_id_; }
    const HttpOptions& http() const noexcept { return http_; }

  private:
    std::string issuer_;
    std::string client_id_;
    HttpOptions http_;
    RefreshEncoding refresh_encoding_;
};

// The stored form of a token response received at `now` (epoch seconds): identity from the
// JWTs, expires_at = now + expires_in (else the access token's exp). On a refresh pass the
// previous sign-in: its refresh token and id token are kept when the server sends none.
// Throws sdk::Error(KLAUDE_ERROR_PROTOCOL) when the tokens name no ChatGPT account.
TokenSet make_token_set(const TokenResponse& response, int64_t now,
                        const TokenSet* previous = nullptr);

// The server's own words from an OAuth error body ({"error":"…","error_description":"…"} or
// {"error":{"code":"…","message":"…"}}), one line, at most 200 characters; "" when none.
std::string oauth_error_text(const std::string& body);
// The error code from such a body ("invalid_grant", "refresh_token_reused"), or "".
std::string oauth_error_code(const std::string& body);

}  // namespace klaude::codex
