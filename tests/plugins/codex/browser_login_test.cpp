#include "plugins/codex/auth/browser_login.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Poco/URI.h>

#include <atomic>
#include <ctime>
#include <thread>

#include "plugins/codex/auth/url_encoding.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/mock_login_ui.h"
#include "tests/plugins/codex/test_browser.h"

namespace klaude::codex {
namespace {

using ::testing::_;
using testing::BrowserVisit;
using testing::FakeOAuthServer;
using ::testing::HasSubstr;
using ::testing::Invoke;
using testing::MockLoginUi;
using ::testing::NiceMock;
using ::testing::Not;
using ::testing::Return;

class BrowserLoginTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ui.record_prints();
        ON_CALL(ui, cancelled()).WillByDefault(Return(false));
        ON_CALL(ui, ask).WillByDefault(Invoke(testing::wait_until_stopped));
        settings.port = 0;  // any free port: tests run in parallel
        settings.port_chosen = true;
        settings.timeout = std::chrono::seconds(60);
    }
    void TearDown() override {
        for (auto& t : browsers) {
            t.join();
        }
        EXPECT_EQ(server.violations(), std::vector<std::string>{});
    }

    // The "browser" opens the URL on its own thread, like a real one, after `delay`.
    void browser_follows_links(std::chrono::milliseconds delay = std::chrono::milliseconds(0)) {
        ON_CALL(ui, open_url).WillByDefault([this, delay](const std::string& url, std::string*) {
            authorize_url = url;
            browsers.emplace_back([this, url, delay] {
                std::this_thread::sleep_for(delay);
                const BrowserVisit v = testing::browse(url);
                std::lock_guard<std::mutex> lock(visit_mutex);
                visits.push_back(v);
            });
            return true;
        });
    }

    TokenSet login() {
        return run_browser_login(
            ui, client, [this](const TokenSet& t) { saved.push_back(t); }, settings,
            [] { return static_cast<int64_t>(std::time(nullptr)); });
    }

    klaude_status_t login_error(std::string* message) {
        try {
            login();
        } catch (const sdk::Error& e) {
            *message = e.what();
            return e.status();
        }
        return KLAUDE_OK;
    }

    BrowserVisit visit(size_t i) {
        for (auto& t : browsers) {
            t.join();
        }
        browsers.clear();
        std::lock_guard<std::mutex> lock(visit_mutex);
        return i < visits.size() ? visits[i] : BrowserVisit{};
    }

    FakeOAuthServer server;
    TokenClient client{server.issuer(), "app_EMoamEEZ73f0CkXaXp7hrann"};
    NiceMock<MockLoginUi> ui;
    BrowserLoginSettings settings;
    std::vector<TokenSet> saved;
    std::string authorize_url;
    std::vector<std::thread> browsers;
    std::mutex visit_mutex;
    std::vector<BrowserVisit> visits;
};

TEST_F(BrowserLoginTest, FullLoginThroughTheBrowser) {
    browser_follows_links();
    EXPECT_CALL(ui, open_url(_, _)).Times(1);
    const TokenSet tokens = login();

    EXPECT_EQ(tokens.access_token, server.last_access_token());
    EXPECT_EQ(tokens.refresh_token, server.last_refresh_token());
    EXPECT_EQ(tokens.account_id, "acct-fake-000123456");
    EXPECT_EQ(tokens.email, "user@example.com");
    EXPECT_NEAR(static_cast<double>(tokens.expires_at),
                static_cast<double>(std::time(nullptr) + 3600), 60);
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_EQ(saved[0].refresh_token, tokens.refresh_token);

    // The URL was printed, not only opened.
    EXPECT_THAT(ui.printed(), HasSubstr(authorize_url));
    const auto query = parse_query(Poco::URI(authorize_url).getRawQuery());
    EXPECT_THAT(query.at("redirect_uri"), ::testing::StartsWith("http://localhost:"));

    const BrowserVisit v = visit(0);
    EXPECT_EQ(v.status, 200);
    EXPECT_THAT(v.body, HasSubstr("Signed in to klaude"));
    ASSERT_EQ(v.urls.size(), 3u);
    EXPECT_THAT(v.urls[1], HasSubstr("/auth/callback?code="));
    EXPECT_THAT(v.urls[2], ::testing::EndsWith("/success"));
}

TEST_F(BrowserLoginTest, StateMismatchAnswers400AndKeepsWaiting) {
    std::atomic<int> opened{0};
    ON_CALL(ui, open_url).WillByDefault([&](const std::string& url, std::string*) {
        authorize_url = url;
        ++opened;
        browsers.emplace_back([this, url] {
            server.tamper_next_state("someone-elses-state");
            const BrowserVisit forged = testing::browse(url);
            const BrowserVisit honest = testing::browse(url);
            std::lock_guard<std::mutex> lock(visit_mutex);
            visits.push_back(forged);
            visits.push_back(honest);
        });
        return true;
    });
    const TokenSet tokens = login();
    EXPECT_EQ(tokens.refresh_token, server.last_refresh_token());
    const BrowserVisit forged = visit(0);
    EXPECT_EQ(forged.status, 400);
    EXPECT_THAT(forged.body, HasSubstr("state mismatch"));
    EXPECT_EQ(visit(1).status, 200);
    EXPECT_EQ(server.code_exchanges(), 1);  // the forged callback's code was never used
}

TEST_F(BrowserLoginTest, ErrorCallbackFailsWithTheEscapedProviderMessage) {
    server.fail_next_authorize("access_denied", "<script>alert('x')</script> & more");
    browser_follows_links();
    std::string message;
    EXPECT_EQ(login_error(&message), KLAUDE_ERROR_AUTH);
    EXPECT_THAT(message, HasSubstr("<script>alert('x')</script> & more (access_denied)"));
    const BrowserVisit v = visit(0);
    EXPECT_EQ(v.status, 400);
    EXPECT_THAT(v.body, HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    EXPECT_THAT(v.body, Not(HasSubstr("<script>")));
    EXPECT_TRUE(saved.empty());
}

TEST_F(BrowserLoginTest, AnotherIssuerInTheCallbackIsRefused) {
    server.tamper_next_iss("https://evil.example");
    browser_follows_links();
    std::string message;
    EXPECT_EQ(login_error(&message), KLAUDE_ERROR_AUTH);
    EXPECT_THAT(message, HasSubstr("https://evil.example"));
    EXPECT_EQ(server.code_exchanges(), 0);
}

TEST_F(BrowserLoginTest, ACallbackWithoutCodeFails) {
    ON_CALL(ui, open_url).WillByDefault([&](const std::string& url, std::string*) {
        const auto query = parse_query(Poco::URI(url).getRawQuery());
        const std::string callback =
            query.at("redirect_uri") + "?state=" + percent_encode(query.at("state"));
        browsers.emplace_back([this, callback] {
            const BrowserVisit v = testing::browse(callback);
            std::lock_guard<std::mutex> lock(visit_mutex);
            visits.push_back(v);
        });
        return true;
    });
    std::string message;
    EXPECT_EQ(login_error(&message), KLAUDE_ERROR_AUTH);
    EXPECT_THAT(message, HasSubstr("no authorization code"));
    EXPECT_EQ(visit(0).status, 400);
}

TEST_F(BrowserLoginTest, OtherPathsAre404AndCancelEndsTheLogin) {
    ON_CALL(ui, open_url).WillByDefault([&](const std::string& url, std::string*) {
        const auto query = parse_query(Poco::URI(url).getRawQuery());
        Poco::URI callback(query.at("redirect_uri"));
        const std::string base = "http://127.0.0.1:" + std::to_string(callback.getPort());
        browsers.emplace_back([this, base] {
            const BrowserVisit other = testing::browse(base + "/favicon.ico");
            const BrowserVisit cancel = testing::browse(base + "/cancel");
            std::lock_guard<std::mutex> lock(visit_mutex);
            visits.push_back(other);
            visits.push_back(cancel);
        });
        return true;
    });
    std::string message;
    EXPECT_EQ(login_error(&message), KLAUDE_ERROR_CANCELLED);
    EXPECT_EQ(visit(0).status, 404);
    EXPECT_EQ(visit(1).status, 200);
}

TEST_F(BrowserLoginTest, NoBrowserPasteTheRedirectUrl) {
    settings.open_browser = false;
    EXPECT_CALL(ui, open_url(_, _)).Times(0);
    std::atomic<int> asks{0};
    EXPECT_CALL(ui, ask(_, _, _))
        .WillRepeatedly([&](const std::string&, int32_t, const std::function<bool()>&) {
            // The user signs in elsewhere; the browser there ends on an unreachable
            // localhost address, which they copy and paste.
            const std::string url = testing::find_url(ui.printed(), "/oauth/authorize");
            ++asks;
            return LoginUi::Answer{KLAUDE_OK, "  " + testing::redirect_target(url) + "\n"};
        });
    const TokenSet tokens = login();
    EXPECT_EQ(asks, 1);
    EXPECT_EQ(tokens.refresh_token, server.last_refresh_token());
    EXPECT_EQ(saved.size(), 1u);
}

TEST_F(BrowserLoginTest, PasteJustTheCodeAfterAWrongStateUrl) {
    settings.open_browser = false;
    int asks = 0;
    EXPECT_CALL(ui, ask(_, _, _))
        .WillRepeatedly([&](const std::string&, int32_t, const std::function<bool()>&) {
            const std::string url = testing::find_url(ui.printed(), "/oauth/authorize");
            ++asks;
            if (asks == 1) {
                return LoginUi::Answer{KLAUDE_OK,
                                       "http://localhost:1455/auth/callback?code=x&"
                                       "state=stale"};
            }
            if (asks == 2) {
                return LoginUi::Answer{KLAUDE_OK, "not a url at all"};
            }
            const std::string location = testing::redirect_target(url);
            return LoginUi::Answer{KLAUDE_OK,
                                   parse_query(Poco::URI(location).getRawQuery()).at("code")};
        });
    const TokenSet tokens = login();
    EXPECT_EQ(asks, 3);
    EXPECT_EQ(tokens.refresh_token, server.last_refresh_token());
    EXPECT_THAT(ui.printed(), HasSubstr("state mismatch"));
    EXPECT_THAT(ui.printed(), HasSubstr("neither the redirect URL nor a code"));
}

TEST_F(BrowserLoginTest, ABadPastedCodeCanBeRetried) {
    settings.open_browser = false;
    int asks = 0;
    EXPECT_CALL(ui, ask(_, _, _))
        .WillRepeatedly([&](const std::string&, int32_t, const std::function<bool()>&) {
            ++asks;
            if (asks == 1) {
                return LoginUi::Answer{KLAUDE_OK, "made-up-code"};
            }
            const std::string url = testing::find_url(ui.printed(), "/oauth/authorize");
            return LoginUi::Answer{KLAUDE_OK, testing::redirect_target(url)};
        });
    login();
    EXPECT_EQ(asks, 2);
    EXPECT_THAT(ui.printed(), HasSubstr("That code did not work"));
}

TEST_F(BrowserLoginTest, EndOfInputNeverEndsTheLogin) {
    browser_follows_links(std::chrono::milliseconds(500));
    EXPECT_CALL(ui, ask(_, _, _))
        .Times(1)
        .WillOnce(Return(LoginUi::Answer{KLAUDE_ERROR_END_OF_INPUT, ""}));
    const TokenSet tokens = login();
    EXPECT_EQ(tokens.refresh_token, server.last_refresh_token());
}

TEST_F(BrowserLoginTest, TimesOutWithAHint) {
    settings.open_browser = false;
    settings.timeout = std::chrono::milliseconds(400);
    ON_CALL(ui, ask).WillByDefault(Return(LoginUi::Answer{KLAUDE_ERROR_UNSUPPORTED, ""}));
    std::string message;
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(login_error(&message), KLAUDE_ERROR_TIMEOUT);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
    EXPECT_THAT(message, HasSubstr("--timeout"));
}

TEST_F(BrowserLoginTest, CtrlCCancelsCleanly) {
    settings.open_browser = false;
    std::atomic<int> polls{0};
    ON_CALL(ui, cancelled()).WillByDefault([&] { return ++polls > 20; });
    std::string message;
    EXPECT_EQ(login_error(&message), KLAUDE_ERROR_CANCELLED);
    EXPECT_TRUE(saved.empty());
    // The callback port was released: a new server can bind it at once.
}

TEST_F(BrowserLoginTest, CtrlCDuringAskCancelsEvenIfTheHostSaysSoOnlyThroughAsk) {
    settings.open_browser = false;
    EXPECT_CALL(ui, ask(_, _, _)).WillOnce(Return(LoginUi::Answer{KLAUDE_ERROR_CANCELLED, ""}));
    std::string message;
    EXPECT_EQ(login_error(&message), KLAUDE_ERROR_CANCELLED);
}

}  // namespace
}  // namespace klaude::codex
