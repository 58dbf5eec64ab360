#include "plugins/codex/auth/token_client.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "plugins/codex/auth/json_fields.h"
#include "plugins/codex/auth/jwt.h"
#include "plugins/codex/auth/oauth_constants.h"
#include "plugins/codex/auth/url_encoding.h"

namespace klaude::codex {
namespace {

constexpr const char* kFormType = "application/x-www-form-urlencoded";

rapidjson::Document parse_object(const std::string& body) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        doc.SetObject();
    }
    return doc;
}

// Control characters and overlong text never reach the terminal.
std::string one_line(std::string text) {
    for (char& c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            c = ' ';
        }
    }
    if (text.size() > 200) {
        text.resize(200);
        text += "...";
    }
    return text;
}

TokenResponse parse_tokens(const std::string& body, const std::string& what) {
    const rapidjson::Document doc = parse_object(body);
    TokenResponse tokens;
    tokens.access_token = json_string(doc, "access_token");
    tokens.refresh_token = json_string(doc, "refresh_token");
    tokens.id_token = json_string(doc, "id_token");
    tokens.expires_in = json_int(doc, "expires_in");
    if (tokens.access_token.empty()) {
        throw sdk::Error(KLAUDE_ERROR_PROTOCOL,
                         "the " + what + " answer of the sign-in server has no access token");
    }
    return tokens;
}

std::string sign_in_again(const std::string& why) {
    return why + " Sign in again: " + kLoginCommand;
}

}  // namespace

std::string oauth_error_code(const std::string& body) {
    const rapidjson::Document doc = parse_object(body);
    if (const rapidjson::Value* error = json_object(doc, "error")) {
        std::string code = json_string(*error, "code");
        return code.empty() ? json_string(*error, "type") : code;
    }
    std::string code = json_string(doc, "error");
    return code.empty() ? json_string(doc, "code") : code;
}

std::string oauth_error_text(const std::string& body) {
    const rapidjson::Document doc = parse_object(body);
    std::string text;
    if (const rapidjson::Value* error = json_object(doc, "error")) {
        text = json_string(*error, "message");
        if (text.empty()) {
            text = json_string(*error, "code");
        }
    } else {
        text = json_string(doc, "error_description");
        if (text.empty()) {
            text = json_string(doc, "error");
        }
    }
    return one_line(text);
}

TokenClient::TokenClient(std::string issuer, std::string client_id, HttpOptions http,
                         RefreshEncoding refresh_encoding)
    : issuer_(std::move(issuer)),
      client_id_(std::move(client_id)),
      http_(std::move(http)),
      refresh_encoding_(refresh_encoding) {}

TokenResponse TokenClient::exchange_code(const std::string& code, const std::string& redirect_uri,
                                         const std::string& code_verifier) const {
    const std::string body = encode_form({{"grant_type", "authorization_code"},
                                          {"code", code},
                                          {"redirect_uri", redirect_uri},
                                          {"client_id", client_id_},
                                          {"code_verifier", code_verifier}});
    const HttpResult result = http_post(issuer_ + "/oauth/token", kFormType, body, http_);
    if (result.status < 200 || result.status >= 300) {
        const std::string reason = oauth_error_text(result.body);
        throw sdk::Error(KLAUDE_ERROR_AUTH,
                         "the sign-in server refused the authorization code (HTTP " +
                             std::to_string(result.status) + (reason.empty() ? "" : ": " + reason) +
                             ")");
    }
    TokenResponse tokens = parse_tokens(result.body, "token");
    if (tokens.refresh_token.empty()) {
        throw sdk::Error(KLAUDE_ERROR_PROTOCOL,
                         "the sign-in server issued no refresh token (scope offline_access)");
    }
    return tokens;
}

TokenResponse TokenClient::refresh(const std::string& refresh_token) const {
    std::string body;
    if (refresh_encoding_ == RefreshEncoding::kJson) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
        w.StartObject();
        w.Key("client_id");
        w.String(client_id_.c_str(), static_cast<rapidjson::SizeType>(client_id_.size()));
        w.Key("grant_type");
        w.String("refresh_token");
        w.Key("refresh_token");
        w.String(refresh_token.c_str(), static_cast<rapidjson::SizeType>(refresh_token.size()));
        w.EndObject();
        body.assign(buffer.GetString(), buffer.GetSize());
    } else {
        body = encode_form({{"grant_type", "refresh_token"},
                            {"client_id", client_id_},
                            {"refresh_token", refresh_token}});
    }
    const char* type =
        refresh_encoding_ == RefreshEncoding::kJson ? "application/json" : kFormType;
    HttpResult result;
    try {
        result = http_post(issuer_ + "/oauth/token", type, body, http_);
    } catch (const sdk::Error& e) {
        if (e.status() != KLAUDE_ERROR_NETWORK) {
            throw;
        }
        throw RefreshError(RefreshFailure::kTransient, KLAUDE_ERROR_NETWORK,
                           std::string("cannot renew the ChatGPT sign-in: ") + e.what());
    }
    if (result.status >= 200 && result.status < 300) {
        return parse_tokens(result.body, "refresh");
    }
    if (result.status >= 500 || result.status == 429 || result.status == 408) {
        throw RefreshError(RefreshFailure::kTransient, KLAUDE_ERROR_SERVER,
                           "the sign-in server could not renew the ChatGPT sign-in (HTTP " +
                               std::to_string(result.status) + "); try again in a moment");
    }
    const std::string code = oauth_error_code(result.body);
    if (code == "refresh_token_expired") {
        throw RefreshError(RefreshFailure::kExpired, KLAUDE_ERROR_AUTH,
                           sign_in_again("Your ChatGPT sign-in has expired."));
    }
    if (code == "refresh_token_reused") {
        throw RefreshError(
            RefreshFailure::kReused, KLAUDE_ERROR_AUTH,
            sign_in_again("Your ChatGPT sign-in was already renewed by another program sharing "
                          "it (refresh tokens work once), so this copy is no longer valid."));
    }
    if (code == "refresh_token_invalidated" || code == "refresh_token_revoked") {
        throw RefreshError(RefreshFailure::kInvalidated, KLAUDE_ERROR_AUTH,
                           sign_in_again("Your ChatGPT sign-in was revoked (signed out or "
                                         "password changed)."));
    }
    const std::string reason = oauth_error_text(result.body);
    throw RefreshError(RefreshFailure::kRejected, KLAUDE_ERROR_AUTH,
                       sign_in_again("ChatGPT refused to renew the sign-in (HTTP " +
                                     std::to_string(result.status) +
                                     (reason.empty() ? "" : ": " + reason) + ")."));
}

TokenSet make_token_set(const TokenResponse& response, int64_t now, const TokenSet* previous) {
    TokenSet tokens;
    tokens.access_token = response.access_token;
    tokens.refresh_token = response.refresh_token;
    tokens.id_token = response.id_token;
    if (previous != nullptr) {
        if (tokens.refresh_token.empty()) {
            tokens.refresh_token = previous->refresh_token;
        }
        if (tokens.id_token.empty()) {
            tokens.id_token = previous->id_token;
        }
    }
    std::optional<int64_t> access_exp;
    try {
        const TokenIdentity identity = identity_from_tokens(tokens.access_token, tokens.id_token);
        tokens.account_id = identity.account_id;
        tokens.plan = identity.plan;
        tokens.email = identity.email;
        access_exp = identity.access_exp;
    } catch (const JwtError& e) {
        if (previous == nullptr || previous->account_id.empty()) {
            throw sdk::Error(KLAUDE_ERROR_PROTOCOL,
                             std::string("the sign-in server's tokens are not usable for "
                                         "ChatGPT: ") +
                                 e.what());
        }
        tokens.account_id = previous->account_id;
        tokens.plan = previous->plan;
        tokens.email = previous->email;
    }
    if (response.expires_in) {
        tokens.expires_at = now + *response.expires_in;
    } else {
        tokens.expires_at = access_exp.value_or(0);
    }
    tokens.last_refresh = now;
    return tokens;
}

}  // namespace klaude::codex
