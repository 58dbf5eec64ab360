// Reads the claims klaude needs from ChatGPT's JWTs. Only the payload is decoded: the token
// came straight from the issuer over TLS and klaude is not the audience that verifies it, so
// the signature is not checked. Nothing here ever puts token text into a message.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace klaude::codex {

enum class JwtErrorKind {
    kMalformed,    // not three dot-separated segments
    kBadBase64,    // the payload segment is not base64url
    kNotJson,      // the payload is not a JSON object
    kMissingClaim  // a claim klaude requires is absent
};

class JwtError : public std::runtime_error {
  public:
    JwtError(JwtErrorKind kind, const std::string& message)
        : std::runtime_error(message), kind_(kind) {}
    JwtErrorKind kind() const noexcept { return kind_; }

  private:
    JwtErrorKind kind_;
};

// The claims of one token; each is empty when the token does not carry it.
struct JwtClaims {
    std::string account_id;  // https://api.openai.com/auth .chatgpt_account_id
    std::string plan;        // https://api.openai.com/auth .chatgpt_plan_type
    std::string email;       // email, else https://api.openai.com/profile .email
    std::optional<int64_t> exp;
};

// Throws JwtError (kMalformed, kBadBase64, kNotJson).
JwtClaims read_jwt_claims(std::string_view token);

// What a sign-in tells about the user, from the access token first and the id token as the
// fallback (the access token is what the backend checks, so its account wins).
struct TokenIdentity {
    std::string account_id;  // never empty
    std::string plan;
    std::string email;
    std::optional<int64_t> access_exp;  // the access token's exp
};

// Throws JwtError: kMissingClaim when neither token names a ChatGPT account, or the access
// token's decoding error when the id token cannot make up for it.
TokenIdentity identity_from_tokens(std::string_view access_token, std::string_view id_token);

}  // namespace klaude::codex
