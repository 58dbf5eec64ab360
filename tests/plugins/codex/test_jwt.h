// Builds JWT-shaped tokens for tests: a real base64url header and payload and a dummy
// signature (klaude never checks signatures).
#pragma once

#include <cstdint>
#include <string>

#include "plugins/codex/auth/base64url.h"

namespace klaude::codex::testing {

inline std::string make_jwt(const std::string& payload_json) {
    return base64url_encode(R"({"alg":"RS256","typ":"JWT"})") + "." +
           base64url_encode(payload_json) + ".c2lnbmF0dXJl";
}

// An access token shaped like ChatGPT's: account and plan in the auth claim, email in profile.
inline std::string make_access_token(const std::string& account_id, int64_t exp,
                                     const std::string& plan = "plus",
                                     const std::string& email = "user@example.com",
                                     const std::string& nonce = "") {
    return make_jwt(R"({"exp":)" + std::to_string(exp) +
                    R"(,"https://api.openai.com/auth":{"chatgpt_account_id":")" + account_id +
                    R"(","chatgpt_plan_type":")" + plan +
                    R"("},"https://api.openai.com/profile":{"email":")" + email + R"("},"jti":")" +
                    nonce + R"("})");
}

inline std::string make_id_token(const std::string& account_id, const std::string& email) {
    return make_jwt(R"({"email":")" + email +
                    R"(","https://api.openai.com/auth":{"chatgpt_account_id":")" + account_id +
                    R"("}})");
}

}  // namespace klaude::codex::testing
