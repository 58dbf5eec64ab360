// A loopback OAuth 2.0 server that behaves like auth.openai.com for the parts klaude uses:
//
//   GET  /oauth/authorize               the user "signs in" at once: 302 to redirect_uri with
//                                       code, state (and iss, RFC 9207), or a scripted error
//   POST /oauth/token                   form bodies only; authorization_code checks PKCE S256
//                                       against the challenge and the redirect_uri; refresh
//                                       tokens rotate, and reusing one revokes the whole grant
//                                       (401 refresh_token_reused), like OpenAI
//   POST /api/accounts/deviceauth/usercode, /api/accounts/deviceauth/token   device code
//
// Tokens are JWT-shaped with the https://api.openai.com/auth claim. Every protocol violation
// it sees is recorded in violations() so tests can assert there were none.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/support/loopback_server.h"

namespace klaude::codex::testing {

struct FakeOAuthOptions {
    std::string client_id = "app_EMoamEEZ73f0CkXaXp7hrann";
    std::string account_id = "acct-fake-000123456";
    std::string plan = "plus";
    std::string email = "user@example.com";
    int64_t expires_in = 3600;
    bool send_expires_in = true;
    bool send_iss = true;
    std::chrono::milliseconds refresh_delay{0};  // widens races in concurrency tests
    int device_pending_polls = 1;                // polls answered 403 before success
};

class FakeOAuthServer {
  public:
    using Options = FakeOAuthOptions;

    explicit FakeOAuthServer(Options options = {}, uint16_t port = 0);
    ~FakeOAuthServer();

    std::string issuer() const;
    uint16_t port() const;

    // The next /oauth/token refresh answers this instead of rotating.
    void fail_next_refresh(int status, const std::string& body);
    // The next /oauth/authorize redirects with error=… instead of a code.
    void fail_next_authorize(const std::string& error, const std::string& description);
    // The next /oauth/authorize redirects with this state instead of the one it was given.
    void tamper_next_state(const std::string& state);
    // Changes the iss the next authorize redirect carries.
    void tamper_next_iss(const std::string& iss);

    // A live refresh token of a new grant, as if the user had signed in before.
    std::string issue_refresh_token();

    int refresh_calls() const;
    // How the last token request was encoded: "form" or "application/json".
    std::string last_token_content_type() const;
    int code_exchanges() const;
    int device_polls() const;
    std::vector<std::string> presented_refresh_tokens() const;
    std::string last_access_token() const;
    std::string last_refresh_token() const;
    std::vector<std::string> violations() const;

  private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
    std::unique_ptr<klaude::testing::LoopbackServer> server_;
};

}  // namespace klaude::codex::testing
