#include "plugins/codex/auth/token_refresher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <atomic>
#include <ctime>
#include <fstream>
#include <thread>

#include "plugins/codex/auth/codex_cli_store.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/temp_dir.h"
#include "tests/plugins/codex/test_jwt.h"

namespace klaude::codex {
namespace {

using testing::FakeOAuthServer;
using ::testing::HasSubstr;
using testing::TempDir;

int64_t wall_clock() {
    return static_cast<int64_t>(std::time(nullptr));
}

class TokenRefresherTest : public ::testing::Test {
  protected:
    void TearDown() override { EXPECT_EQ(server.violations(), std::vector<std::string>{}); }

    // A stored sign-in whose access token expires `in_seconds` from now.
    TokenSet seed(int64_t in_seconds) {
        TokenSet tokens;
        tokens.access_token =
            testing::make_access_token("acct-fake-000123456", wall_clock() + in_seconds);
        tokens.refresh_token = server.issue_refresh_token();
        tokens.account_id = "acct-fake-000123456";
        tokens.expires_at = wall_clock() + in_seconds;
        store.save(tokens);
        return tokens;
    }

    RefreshPolicy fast_policy() {
        RefreshPolicy policy;
        policy.backoff = std::chrono::milliseconds(10);
        return policy;
    }

    FakeOAuthServer server;
    TempDir home;
    KlaudeTokenFile store{home.path()};
    TokenClient client{server.issuer(), kClientId};
};

TEST_F(TokenRefresherTest, NotSignedInSaysWhatToRun) {
    TokenRefresher refresher(store, client, wall_clock);
    try {
        refresher.valid_tokens();
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_NOT_LOGGED_IN);
        EXPECT_STREQ(e.what(), "Not signed in to ChatGPT. Run 'klaude auth login codex'.");
    }
}

TEST_F(TokenRefresherTest, AFreshTokenIsUsedWithoutNetwork) {
    const TokenSet seeded = seed(3600);
    TokenRefresher refresher(store, client, wall_clock);
    EXPECT_EQ(refresher.valid_tokens().access_token, seeded.access_token);
    EXPECT_EQ(server.refresh_calls(), 0);
}

TEST_F(TokenRefresherTest, ATokenExpiringWithin300SecondsIsRenewedFirst) {
    const TokenSet seeded = seed(299);
    TokenRefresher refresher(store, client, wall_clock);
    const TokenSet tokens = refresher.valid_tokens();
    EXPECT_EQ(server.refresh_calls(), 1);
    EXPECT_EQ(server.presented_refresh_tokens(), std::vector<std::string>{seeded.refresh_token});
    EXPECT_EQ(tokens.access_token, server.last_access_token());
    EXPECT_EQ(tokens.refresh_token, server.last_refresh_token());
    EXPECT_NEAR(static_cast<double>(tokens.expires_at), static_cast<double>(wall_clock() + 3600),
                60);
    EXPECT_EQ(store.load()->refresh_token, tokens.refresh_token);  // saved
    EXPECT_EQ(refresher.valid_tokens().access_token, tokens.access_token);
    EXPECT_EQ(server.refresh_calls(), 1);
}

TEST_F(TokenRefresherTest, An401RenewsOnceAndAnAlreadyRenewedTokenIsReused) {
    const TokenSet seeded = seed(3600);
    TokenRefresher refresher(store, client, wall_clock);
    const TokenSet renewed = refresher.renew_after_unauthorized(seeded.access_token);
    EXPECT_NE(renewed.access_token, seeded.access_token);
    EXPECT_EQ(server.refresh_calls(), 1);
    // Another request that was refused with the old token finds the renewed one.
    EXPECT_EQ(refresher.renew_after_unauthorized(seeded.access_token).access_token,
              renewed.access_token);
    EXPECT_EQ(server.refresh_calls(), 1);
}

TEST_F(TokenRefresherTest, TransientFailuresAreRetried) {
    seed(10);
    server.fail_next_refresh(503, "{}");
    server.fail_next_refresh(502, "{}");
    TokenRefresher refresher(store, client, wall_clock, fast_policy());
    const TokenSet tokens = refresher.valid_tokens();
    EXPECT_EQ(server.refresh_calls(), 3);
    EXPECT_EQ(tokens.refresh_token, server.last_refresh_token());
}

TEST_F(TokenRefresherTest, PersistentTransientFailuresGiveUpWithoutLosingTheSignIn) {
    const TokenSet seeded = seed(10);
    for (int i = 0; i < 3; ++i) {
        server.fail_next_refresh(500, "{}");
    }
    TokenRefresher refresher(store, client, wall_clock, fast_policy());
    try {
        refresher.valid_tokens();
        FAIL();
    } catch (const RefreshError& e) {
        EXPECT_EQ(e.kind(), RefreshFailure::kTransient);
    }
    EXPECT_EQ(server.refresh_calls(), 3);
    EXPECT_EQ(store.load()->refresh_token, seeded.refresh_token);
}

TEST_F(TokenRefresherTest, PermanentFailuresAreNotRetried) {
    const struct {
        const char* body;
        RefreshFailure kind;
    } cases[] = {
        {R"({"error":{"code":"refresh_token_expired"}})", RefreshFailure::kExpired},
        {R"({"error":{"code":"refresh_token_reused"}})", RefreshFailure::kReused},
        {R"({"error":{"code":"refresh_token_invalidated"}})", RefreshFailure::kInvalidated},
        {R"({"error":"invalid_grant"})", RefreshFailure::kRejected},
    };
    int calls = 0;
    for (const auto& c : cases) {
        seed(10);
        server.fail_next_refresh(401, c.body);
        TokenRefresher refresher(store, client, wall_clock, fast_policy());
        try {
            refresher.valid_tokens();
            ADD_FAILURE() << c.body;
        } catch (const RefreshError& e) {
            EXPECT_EQ(e.kind(), c.kind) << c.body;
            EXPECT_EQ(e.status(), KLAUDE_ERROR_AUTH);
            EXPECT_THAT(e.what(), HasSubstr("klaude auth login codex"));
        }
        EXPECT_EQ(server.refresh_calls(), ++calls) << c.body;
    }
}

TEST_F(TokenRefresherTest, ThreadsRenewingAtOnceUseTheTokenOnce) {
    FakeOAuthServer::Options options;
    options.refresh_delay = std::chrono::milliseconds(200);
    FakeOAuthServer slow(options);
    TokenClient slow_client(slow.issuer(), kClientId);
    TokenSet tokens;
    tokens.access_token = testing::make_access_token("acct-fake-000123456", wall_clock() - 5);
    tokens.refresh_token = slow.issue_refresh_token();
    tokens.account_id = "acct-fake-000123456";
    tokens.expires_at = wall_clock() - 5;
    store.save(tokens);

    std::vector<std::thread> threads;
    std::vector<std::string> results(4);
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            KlaudeTokenFile own_store(home.path());
            TokenRefresher refresher(own_store, slow_client, wall_clock);
            try {
                results[i] = refresher.valid_tokens().refresh_token;
            } catch (const sdk::Error& e) {
                results[i] = std::string("error: ") + e.what();
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(slow.refresh_calls(), 1);
    for (const std::string& r : results) {
        EXPECT_EQ(r, slow.last_refresh_token());
    }
}

TEST_F(TokenRefresherTest, TheCodexCliFileIsRenewedInPlace) {
    TempDir codex_home;
    CodexCliTokenFile cli(codex_home.file("auth.json"));
    TokenSet tokens;
    tokens.access_token = testing::make_access_token("acct-fake-000123456", wall_clock() + 10);
    tokens.refresh_token = server.issue_refresh_token();
    tokens.account_id = "acct-fake-000123456";
    cli.save(tokens);
    TokenRefresher refresher(cli, client, wall_clock);
    const TokenSet renewed = refresher.valid_tokens();
    EXPECT_EQ(server.refresh_calls(), 1);
    EXPECT_EQ(cli.load()->refresh_token, renewed.refresh_token);
    EXPECT_EQ(cli.load()->refresh_token, server.last_refresh_token());
    // As the Codex CLI sends it (golden capture: refresh_request.json).
    EXPECT_EQ(server.last_token_content_type(), "application/json");
}

TEST_F(TokenRefresherTest, AFormRefreshIsSentWhenConfiguredForAStandardServer) {
    TokenClient form_client(server.issuer(), kClientId, HttpOptions{}, RefreshEncoding::kForm);
    const std::string refresh_token = server.issue_refresh_token();
    const TokenResponse renewed = form_client.refresh(refresh_token);
    EXPECT_FALSE(renewed.access_token.empty());
    EXPECT_EQ(server.last_token_content_type(), "form");
    EXPECT_EQ(server.last_refresh_token(), renewed.refresh_token);
}

// Two klaude processes whose shared token is expiring renew it at the same moment: the
// refresh token must be spent exactly once, and both must end up with the new tokens.
TEST_F(TokenRefresherTest, TwoProcessesRenewingAtOnceUseTheRefreshTokenExactlyOnce) {
    FakeOAuthServer::Options options;
    options.refresh_delay = std::chrono::milliseconds(300);  // a wide window for a race
    FakeOAuthServer slow(options);
    TokenSet tokens;
    tokens.access_token = testing::make_access_token("acct-fake-000123456", wall_clock() + 60);
    tokens.refresh_token = slow.issue_refresh_token();
    tokens.account_id = "acct-fake-000123456";
    tokens.expires_at = wall_clock() + 60;
    store.save(tokens);

    const std::string start_file = home.file("go");
    std::vector<std::unique_ptr<Poco::Pipe>> pipes;
    std::vector<Poco::ProcessHandle> processes;
    for (int i = 0; i < 2; ++i) {
        pipes.push_back(std::make_unique<Poco::Pipe>());
        processes.push_back(Poco::Process::launch(CODEX_REFRESH_HELPER,
                                                  {home.path(), slow.issuer(), start_file}, nullptr,
                                                  pipes.back().get(), nullptr));
    }
    std::ofstream(start_file) << "go";
    std::vector<std::string> outputs;
    for (size_t i = 0; i < processes.size(); ++i) {
        Poco::PipeInputStream out(*pipes[i]);
        std::string line;
        std::getline(out, line);
        outputs.push_back(line);
        EXPECT_EQ(processes[i].wait(), 0) << line;
    }
    EXPECT_EQ(slow.refresh_calls(), 1);
    EXPECT_EQ(slow.presented_refresh_tokens(), std::vector<std::string>{tokens.refresh_token});
    for (const std::string& line : outputs) {
        EXPECT_EQ(line, "OK " + slow.last_refresh_token());
    }
    EXPECT_EQ(store.load()->refresh_token, slow.last_refresh_token());
}

}  // namespace
}  // namespace klaude::codex
