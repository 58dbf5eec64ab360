// Keeps the stored sign-in usable: renews the access token shortly before it expires
// (proactive) and once after the backend answers 401 (reactive).
//
// Refresh tokens rotate and are single-use, and several klaude processes share one token file,
// so every renewal runs under the store's cross-process lock (file_lock.h) and re-reads the
// file after taking it: when another process renewed meanwhile, its tokens are used and no
// request is sent. Transient failures (5xx, network) are retried a few times; permanent ones
// (expired, reused, revoked) end with "sign in again: klaude auth login codex".
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "plugins/codex/auth/browser_login.h"
#include "plugins/codex/auth/token_client.h"
#include "plugins/codex/auth/token_store.h"

namespace klaude::codex {

struct RefreshPolicy {
    std::chrono::seconds margin{300};        // renew when the access token expires sooner than this
    int attempts = 3;                        // tries per renewal when failures are transient
    std::chrono::milliseconds backoff{500};  // before the 2nd try; doubles
    std::chrono::milliseconds lock_timeout{60000};
};

// The one-line error for "no sign-in stored".
sdk::Error not_logged_in_error();

class TokenRefresher {
  public:
    TokenRefresher(TokenStore& store, const TokenClient& client, EpochClock now,
                   RefreshPolicy policy = {}, std::function<bool()> cancelled = {});

    // Tokens valid for at least the margin, renewed first when needed. Throws
    // sdk::Error(KLAUDE_ERROR_NOT_LOGGED_IN), TokenFileError, RefreshError, sdk::Error(IO).
    TokenSet valid_tokens();

    // The backend refused `rejected_access_token`: renews once, unless the stored token is
    // already another one (a concurrent renewal), which is then returned as is.
    TokenSet renew_after_unauthorized(const std::string& rejected_access_token);

    bool needs_renewal(const TokenSet& tokens) const;

  private:
    TokenSet load_or_throw() const;
    TokenSet renew_locked(const TokenSet& current);

    TokenStore& store_;
    const TokenClient& client_;
    EpochClock now_;
    RefreshPolicy policy_;
    std::function<bool()> cancelled_;
};

}  // namespace klaude::codex
