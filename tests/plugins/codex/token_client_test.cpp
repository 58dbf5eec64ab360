#include "plugins/codex/auth/token_client.h"

#include <gtest/gtest.h>

#include <Poco/URI.h>

#include <ctime>

#include "plugins/codex/auth/authorize_url.h"
#include "plugins/codex/auth/pkce.h"
#include "plugins/codex/auth/url_encoding.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/test_browser.h"
#include "tests/plugins/codex/test_jwt.h"

namespace klaude::codex {
namespace {

using testing::FakeOAuthServer;

constexpr const char* kRedirect = "http://localhost:1455/auth/callback";

class TokenClientTest : public ::testing::Test {
  protected:
    void TearDown() override { EXPECT_EQ(server.violations(), std::vector<std::string>{}); }

    // Runs the authorize step like a browser would and returns the code from the redirect.
    std::string authorize(const PkceCodes& pkce) {
        const std::string url = build_authorize_url(
            {server.issuer(), "app_EMoamEEZ73f0CkXaXp7hrann", kRedirect, pkce.challenge, "st"});
        const std::string location = testing::redirect_target(url);
        const auto query = parse_query(Poco::URI(location).getRawQuery());
        EXPECT_EQ(query.count("code"), 1u) << location;
        return query.count("code") ? query.at("code") : "";
    }

    FakeOAuthServer server;
    TokenClient client{server.issuer(), "app_EMoamEEZ73f0CkXaXp7hrann"};
};

TEST_F(TokenClientTest, ExchangesACodeWithTheRightVerifier) {
    const PkceCodes pkce = generate_pkce();
    const TokenResponse tokens = client.exchange_code(authorize(pkce), kRedirect, pkce.verifier);
    EXPECT_EQ(tokens.access_token, server.last_access_token());
    EXPECT_EQ(tokens.refresh_token, server.last_refresh_token());
    EXPECT_FALSE(tokens.id_token.empty());
    EXPECT_EQ(tokens.expires_in.value_or(0), 3600);
    EXPECT_EQ(server.code_exchanges(), 1);
}

TEST_F(TokenClientTest, AWrongVerifierOrRedirectIsRefusedWithTheServersReason) {
    const PkceCodes pkce = generate_pkce();
    try {
        client.exchange_code(authorize(pkce), kRedirect, generate_pkce().verifier);
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_AUTH);
        EXPECT_NE(std::string(e.what()).find("PKCE verification failed"), std::string::npos)
            << e.what();
    }
    try {
        client.exchange_code(authorize(pkce), "http://localhost:1457/auth/callback", pkce.verifier);
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_NE(std::string(e.what()).find("redirect_uri mismatch"), std::string::npos);
    }
}

TEST_F(TokenClientTest, RefreshRotatesAndReuseRevokesTheGrant) {
    const std::string first = server.issue_refresh_token();
    const TokenResponse renewed = client.refresh(first);
    EXPECT_NE(renewed.refresh_token, first);
    EXPECT_EQ(renewed.refresh_token, server.last_refresh_token());
    try {
        client.refresh(first);
        FAIL() << "a used refresh token worked twice";
    } catch (const RefreshError& e) {
        EXPECT_EQ(e.kind(), RefreshFailure::kReused);
        EXPECT_EQ(e.status(), KLAUDE_ERROR_AUTH);
        EXPECT_NE(std::string(e.what()).find("klaude auth login codex"), std::string::npos);
    }
    // The reuse killed the grant: the newer token is dead too.
    try {
        client.refresh(renewed.refresh_token);
        FAIL();
    } catch (const RefreshError& e) {
        EXPECT_EQ(e.kind(), RefreshFailure::kRejected);
    }
}

RefreshFailure failure_for(FakeOAuthServer& server, TokenClient& client, int status,
                           const std::string& body) {
    server.fail_next_refresh(status, body);
    try {
        client.refresh(server.issue_refresh_token());
    } catch (const RefreshError& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.find("rt-"), std::string::npos) << "token leaked: " << message;
        if (!e.transient()) {
            EXPECT_NE(message.find("Sign in again: klaude auth login codex"), std::string::npos)
                << message;
        }
        return e.kind();
    }
    ADD_FAILURE() << "refresh succeeded despite " << status;
    return RefreshFailure::kRejected;
}

TEST_F(TokenClientTest, ClassifiesEveryRefreshFailure) {
    EXPECT_EQ(failure_for(server, client, 401,
                          R"({"error":{"code":"refresh_token_expired","message":"x"}})"),
              RefreshFailure::kExpired);
    EXPECT_EQ(failure_for(server, client, 401, R"({"error":{"code":"refresh_token_reused"}})"),
              RefreshFailure::kReused);
    EXPECT_EQ(failure_for(server, client, 401, R"({"error":{"code":"refresh_token_invalidated"}})"),
              RefreshFailure::kInvalidated);
    EXPECT_EQ(failure_for(server, client, 400, R"({"error":"invalid_grant"})"),
              RefreshFailure::kRejected);
    EXPECT_EQ(failure_for(server, client, 401, "not json"), RefreshFailure::kRejected);
    EXPECT_EQ(failure_for(server, client, 503, "{}"), RefreshFailure::kTransient);
    EXPECT_EQ(failure_for(server, client, 500, "<html>"), RefreshFailure::kTransient);
    EXPECT_EQ(failure_for(server, client, 429, "{}"), RefreshFailure::kTransient);
}

TEST(TokenClient, AnUnreachableServerIsTransient) {
    uint16_t port = 0;
    {
        FakeOAuthServer gone;  // take a free port, then close it
        port = gone.port();
    }
    TokenClient client("http://127.0.0.1:" + std::to_string(port), "app",
                       HttpOptions{std::chrono::milliseconds(2000), ""});
    try {
        client.refresh("rt");
        FAIL();
    } catch (const RefreshError& e) {
        EXPECT_EQ(e.kind(), RefreshFailure::kTransient);
        EXPECT_EQ(e.status(), KLAUDE_ERROR_NETWORK);
    }
}

TEST(OAuthErrorText, KeepsOneShortLine) {
    EXPECT_EQ(oauth_error_text(R"({"error":"invalid_grant","error_description":"a\nb"})"), "a b");
    EXPECT_EQ(oauth_error_text(R"({"error":{"message":"m","code":"c"}})"), "m");
    EXPECT_EQ(oauth_error_text("<html>"), "");
    EXPECT_EQ(oauth_error_text(R"({"error_description":")" + std::string(500, 'x') + "\"}").size(),
              203u);
    EXPECT_EQ(oauth_error_code(R"({"error":{"code":"refresh_token_reused"}})"),
              "refresh_token_reused");
    EXPECT_EQ(oauth_error_code(R"({"error":"invalid_grant"})"), "invalid_grant");
}

TEST(MakeTokenSet, ExpiresInWinsOverTheJwtExp) {
    TokenResponse response;
    response.access_token = testing::make_access_token("acct-abcdefghij", 5000, "pro", "a@b.c");
    response.refresh_token = "r1";
    response.expires_in = 600;
    TokenSet tokens = make_token_set(response, 1000);
    EXPECT_EQ(tokens.expires_at, 1600);
    EXPECT_EQ(tokens.last_refresh, 1000);
    EXPECT_EQ(tokens.account_id, "acct-abcdefghij");
    EXPECT_EQ(tokens.plan, "pro");
    EXPECT_EQ(tokens.email, "a@b.c");
    response.expires_in.reset();
    EXPECT_EQ(make_token_set(response, 1000).expires_at, 5000);
}

TEST(MakeTokenSet, ARefreshWithoutNewRefreshTokenKeepsTheOldOne) {
    TokenSet previous;
    previous.refresh_token = "old-refresh";
    previous.id_token = "old-id";
    previous.account_id = "acct-previous";
    TokenResponse response;
    response.access_token = testing::make_access_token("acct-previous", 5000);
    const TokenSet tokens = make_token_set(response, 1000, &previous);
    EXPECT_EQ(tokens.refresh_token, "old-refresh");
    EXPECT_EQ(tokens.id_token, "old-id");
}

TEST(MakeTokenSet, TokensWithoutAnAccountAreAProtocolError) {
    TokenResponse response;
    response.access_token = "opaque";
    try {
        make_token_set(response, 1);
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_PROTOCOL);
    }
}

}  // namespace
}  // namespace klaude::codex
