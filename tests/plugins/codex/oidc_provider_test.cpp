// The sign-in and the refresh against a real, certified OpenID Connect server: panva's
// oidc-provider (tests/peers/oidc-server.mjs), set up like auth.openai.com. Unlike our fake it
// adds `iss` to the callback (RFC 9207), insists on form-encoded token requests, enforces
// PKCE S256 and exact redirect URIs, and rotates refresh tokens with reuse detection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Poco/URI.h>

#include <ctime>
#include <thread>

#include "plugins/codex/auth/browser_login.h"
#include "plugins/codex/auth/oauth_constants.h"
#include "plugins/codex/auth/token_refresher.h"
#include "plugins/codex/auth/token_store.h"
#include "tests/plugins/codex/mock_login_ui.h"
#include "tests/plugins/codex/temp_dir.h"
#include "tests/support/browser_session.h"
#include "tests/support/free_port.h"
#include "tests/support/peer_process.h"

namespace klaude::codex {
namespace {

using klaude::testing::BrowserSession;
using klaude::testing::PeerProcess;
using ::testing::_;
using ::testing::HasSubstr;
using testing::MockLoginUi;
using ::testing::NiceMock;
using ::testing::Return;
using testing::TempDir;

int64_t wall_clock() {
    return static_cast<int64_t>(std::time(nullptr));
}

class OidcProviderTest : public ::testing::Test {
  protected:
    explicit OidcProviderTest(std::vector<std::string> extra = {})
        : callback_port(klaude::testing::free_port()),
          peer("oidc-server.mjs", args(callback_port, std::move(extra))),
          // oidc-provider takes RFC 6749 forms only (a JSON refresh, as auth.openai.com takes
          // from the Codex CLI, is refused: tests/peers JsonTokenRequestIsRejected).
          client(peer.localhost_url(), kClientId, HttpOptions{}, RefreshEncoding::kForm) {
        ui.record_prints();
        ON_CALL(ui, cancelled()).WillByDefault(Return(false));
        ON_CALL(ui, ask).WillByDefault(testing::wait_until_stopped);
        settings.port = callback_port;
        settings.port_chosen = true;
        settings.timeout = std::chrono::seconds(60);
    }

    static std::vector<std::string> args(uint16_t port, std::vector<std::string> extra) {
        std::vector<std::string> all = {"--callback-port", std::to_string(port)};
        all.insert(all.end(), extra.begin(), extra.end());
        return all;
    }

    TokenSet login() {
        return run_browser_login(
            ui, client, [this](const TokenSet& t) { store.save(t); }, settings, wall_clock);
    }

    uint16_t callback_port;
    PeerProcess peer;
    TokenClient client;
    NiceMock<MockLoginUi> ui;
    BrowserLoginSettings settings;
    TempDir home;
    KlaudeTokenFile store{home.path()};
};

TEST_F(OidcProviderTest, BrowserLoginWithPkceAndIss) {
    std::thread browser;
    BrowserSession::Page landed;
    EXPECT_CALL(ui, open_url(_, _)).WillOnce([&](const std::string& url, std::string*) {
        browser = std::thread([&, url] {
            BrowserSession session;
            landed = session.follow(url);
        });
        return true;
    });
    const TokenSet tokens = login();
    browser.join();
    EXPECT_EQ(landed.status, 200) << peer.stderr_text();
    EXPECT_THAT(landed.body, HasSubstr("Signed in to klaude"));
    EXPECT_EQ(tokens.account_id, "acc-0123456789abcdef");
    EXPECT_EQ(tokens.plan, "plus");
    EXPECT_EQ(tokens.email, "tester@example.com");
    EXPECT_FALSE(tokens.refresh_token.empty());
    EXPECT_FALSE(tokens.id_token.empty());
    EXPECT_NEAR(static_cast<double>(tokens.expires_at), static_cast<double>(wall_clock() + 3600),
                120);
    EXPECT_EQ(store.load()->refresh_token, tokens.refresh_token);
}

TEST_F(OidcProviderTest, NoBrowserPasteTheRedirectUrl) {
    settings.open_browser = false;
    EXPECT_CALL(ui, open_url(_, _)).Times(0);
    EXPECT_CALL(ui, ask(_, _, _))
        .WillOnce([&](const std::string&, int32_t, const std::function<bool()>&) {
            const std::string url = testing::find_url(ui.printed(), "/oauth/authorize");
            BrowserSession session;
            const std::string redirect =
                session.follow_until(url, "http://localhost:" + std::to_string(callback_port));
            EXPECT_THAT(redirect, HasSubstr("iss="));
            return LoginUi::Answer{KLAUDE_OK, redirect};
        });
    const TokenSet tokens = login();
    EXPECT_EQ(tokens.account_id, "acc-0123456789abcdef");
}

class OidcShortLivedTest : public OidcProviderTest {
  protected:
    OidcShortLivedTest() : OidcProviderTest({"--access-ttl", "120"}) {}
};

TEST_F(OidcShortLivedTest, RefreshRotatesAndReuseRevokesTheGrant) {
    settings.open_browser = false;
    EXPECT_CALL(ui, ask(_, _, _))
        .WillOnce([&](const std::string&, int32_t, const std::function<bool()>&) {
            const std::string url = testing::find_url(ui.printed(), "/oauth/authorize");
            BrowserSession session;
            return LoginUi::Answer{
                KLAUDE_OK,
                session.follow_until(url, "http://localhost:" + std::to_string(callback_port))};
        });
    const TokenSet first = login();
    ASSERT_LT(first.expires_at - wall_clock(), 300);  // due for renewal

    TokenRefresher refresher(store, client, wall_clock);
    const TokenSet renewed = refresher.valid_tokens();
    EXPECT_NE(renewed.refresh_token, first.refresh_token);
    EXPECT_NE(renewed.access_token, first.access_token);
    EXPECT_EQ(renewed.account_id, "acc-0123456789abcdef");
    EXPECT_EQ(store.load()->refresh_token, renewed.refresh_token);

    // Spending the old refresh token again is refused and kills the grant.
    try {
        client.refresh(first.refresh_token);
        FAIL() << "a rotated refresh token worked twice";
    } catch (const RefreshError& e) {
        EXPECT_FALSE(e.transient());
        EXPECT_THAT(e.what(), HasSubstr("klaude auth login codex"));
    }
    try {
        client.refresh(renewed.refresh_token);
        FAIL() << "the grant survived a reuse";
    } catch (const RefreshError& e) {
        EXPECT_FALSE(e.transient());
    }
}

}  // namespace
}  // namespace klaude::codex
