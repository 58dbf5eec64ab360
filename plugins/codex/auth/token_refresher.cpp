#include "plugins/codex/auth/token_refresher.h"

#include <thread>

#include "plugins/codex/auth/file_lock.h"
#include "plugins/codex/auth/oauth_constants.h"

namespace klaude::codex {

sdk::Error not_logged_in_error() {
    return sdk::Error(KLAUDE_ERROR_NOT_LOGGED_IN,
                      "Not signed in to ChatGPT. Run 'klaude auth login codex'.");
}

TokenRefresher::TokenRefresher(TokenStore& store, const TokenClient& client, EpochClock now,
                               RefreshPolicy policy, std::function<bool()> cancelled)
    : store_(store),
      client_(client),
      now_(std::move(now)),
      policy_(policy),
      cancelled_(std::move(cancelled)) {}

bool TokenRefresher::needs_renewal(const TokenSet& tokens) const {
    // expires_at 0: unknown; only a 401 tells.
    return tokens.expires_at != 0 && tokens.expires_at - now_() < policy_.margin.count();
}

TokenSet TokenRefresher::load_or_throw() const {
    std::optional<TokenSet> tokens = store_.load();
    if (!tokens) {
        throw not_logged_in_error();
    }
    return *tokens;
}

TokenSet TokenRefresher::valid_tokens() {
    TokenSet tokens = load_or_throw();
    if (!needs_renewal(tokens)) {
        return tokens;
    }
    FileLock lock(store_.lock_path(), policy_.lock_timeout, cancelled_);
    tokens = load_or_throw();  // another process may have renewed while we waited
    if (!needs_renewal(tokens)) {
        return tokens;
    }
    return renew_locked(tokens);
}

TokenSet TokenRefresher::renew_after_unauthorized(const std::string& rejected_access_token) {
    FileLock lock(store_.lock_path(), policy_.lock_timeout, cancelled_);
    TokenSet tokens = load_or_throw();
    if (tokens.access_token != rejected_access_token) {
        return tokens;  // renewed by someone else since the request was sent
    }
    return renew_locked(tokens);
}

TokenSet TokenRefresher::renew_locked(const TokenSet& current) {
    std::chrono::milliseconds backoff = policy_.backoff;
    for (int attempt = 1;; ++attempt) {
        try {
            const TokenResponse response = client_.refresh(current.refresh_token);
            const TokenSet renewed = make_token_set(response, now_(), &current);
            store_.save(renewed);
            return renewed;
        } catch (const RefreshError& e) {
            if (!e.transient() || attempt >= policy_.attempts) {
                throw;
            }
        }
        const auto until = std::chrono::steady_clock::now() + backoff;
        while (std::chrono::steady_clock::now() < until) {
            if (cancelled_ && cancelled_()) {
                throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled while renewing the sign-in");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        backoff *= 2;
    }
}

}  // namespace klaude::codex
