#include "plugins/codex/auth/jwt.h"

#include <rapidjson/document.h>

#include "plugins/codex/auth/base64url.h"
#include "plugins/codex/auth/json_fields.h"

namespace klaude::codex {
namespace {

constexpr const char* kAuthClaim = "https://api.openai.com/auth";
constexpr const char* kProfileClaim = "https://api.openai.com/profile";

}  // namespace

JwtClaims read_jwt_claims(std::string_view token) {
    const size_t first = token.find('.');
    const size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (first == std::string_view::npos || second == std::string_view::npos ||
        token.find('.', second + 1) != std::string_view::npos) {
        throw JwtError(JwtErrorKind::kMalformed, "the token is not a JWT (expected 3 segments)");
    }
    const std::string_view payload_text = token.substr(first + 1, second - first - 1);
    if (payload_text.empty()) {
        throw JwtError(JwtErrorKind::kMalformed, "the token has an empty payload segment");
    }
    std::string payload;
    try {
        payload = base64url_decode(payload_text);
    } catch (const std::invalid_argument&) {
        throw JwtError(JwtErrorKind::kBadBase64, "the token's payload is not base64url");
    }
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(payload.data(), payload.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        throw JwtError(JwtErrorKind::kNotJson, "the token's payload is not a JSON object");
    }

    JwtClaims claims;
    if (const rapidjson::Value* auth = json_object(doc, kAuthClaim)) {
        claims.account_id = json_string(*auth, "chatgpt_account_id");
        claims.plan = json_string(*auth, "chatgpt_plan_type");
    }
    claims.email = json_string(doc, "email");
    if (claims.email.empty()) {
        if (const rapidjson::Value* profile = json_object(doc, kProfileClaim)) {
            claims.email = json_string(*profile, "email");
        }
    }
    auto exp = doc.FindMember("exp");
    if (exp != doc.MemberEnd() && exp->value.IsNumber()) {
        claims.exp = json_int(doc, "exp");  // numbers only; none outside int64's range
    }
    return claims;
}

TokenIdentity identity_from_tokens(std::string_view access_token, std::string_view id_token) {
    std::optional<JwtClaims> access;
    std::optional<JwtError> access_error;
    try {
        access = read_jwt_claims(access_token);
    } catch (const JwtError& e) {
        access_error = e;
    }
    std::optional<JwtClaims> id;
    if (!id_token.empty()) {
        try {
            id = read_jwt_claims(id_token);
        } catch (const JwtError&) {
            // The id token is only a fallback: a broken one must not hide a good access token.
        }
    }

    auto pick = [&](std::string JwtClaims::*field) {
        if (access && !((*access).*field).empty()) {
            return (*access).*field;
        }
        return id ? (*id).*field : std::string();
    };

    TokenIdentity identity;
    identity.account_id = pick(&JwtClaims::account_id);
    identity.plan = pick(&JwtClaims::plan);
    identity.email = pick(&JwtClaims::email);
    if (access) {
        identity.access_exp = access->exp;
    }
    if (identity.account_id.empty()) {
        if (access_error) {
            throw *access_error;
        }
        throw JwtError(JwtErrorKind::kMissingClaim,
                       "the tokens name no ChatGPT account (claim chatgpt_account_id)");
    }
    return identity;
}

}  // namespace klaude::codex
