// One ChatGPT sign-in: the OAuth tokens and what klaude derived from them.
#pragma once

#include <cstdint>
#include <string>

namespace klaude::codex {

struct TokenSet {
    std::string access_token;
    std::string refresh_token;
    std::string id_token;
    // Epoch seconds when the access token stops working: time of issue + expires_in (the JWT
    // `exp` only when the server sent no expires_in). 0: unknown, refresh only after a 401.
    int64_t expires_at = 0;
    std::string account_id;  // the ChatGPT account (workspace) id, sent as chatgpt-account-id
    std::string plan;        // "plus", "pro", "team", …
    std::string email;
    int64_t last_refresh = 0;  // epoch seconds of the last sign-in or refresh
};

// "4f2a9c1e…": the first 8 characters, for anything a user or a log sees.
inline std::string mask_account_id(const std::string& account_id) {
    if (account_id.size() <= 8) {
        return account_id.empty() ? std::string() : account_id.substr(0, 4) + "\u2026";
    }
    return account_id.substr(0, 8) + "\u2026";
}

}  // namespace klaude::codex
