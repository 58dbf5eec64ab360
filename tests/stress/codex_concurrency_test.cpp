// Eight real `klaude exec -m codex/…` processes share one KLAUDE_HOME while their sign-in needs
// renewing, against an OAuth server that rotates refresh tokens and revokes the whole grant
// when one is presented twice (as auth.openai.com does). The cross-process lock and the
// re-read after taking it must make every refresh token be spent exactly once; meanwhile a
// watcher thread reads codex-auth.json in a loop and must always find a whole file of ours,
// mode 0600.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <ctime>
#include <filesystem>
#include <memory>
#include <set>

#include "plugins/codex/auth/token_store.h"
#include "tests/plugins/codex/fake_codex_backend.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/test_jwt.h"
#include "tests/stress/file_creation_watch.h"
#include "tests/stress/stress_env.h"
#include "tests/stress/token_file_watcher.h"
#include "tests/support/temp_dir.h"

namespace klaude::stress {
namespace {

using codex::testing::FakeCodexBackend;
using codex::testing::FakeOAuthServer;
using klaude::testing::KlaudeProcess;
using klaude::testing::ProcessResult;
using ::testing::HasSubstr;

constexpr int kProcesses = 8;
constexpr const char* kAccount = "acct-fake-000123456";
constexpr const char* kAnswer = "Hello from Codex\n";

int64_t now() {
    return static_cast<int64_t>(std::time(nullptr));
}

unsigned mode_of(const std::filesystem::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

class CodexConcurrency : public ::testing::Test {
  protected:
    // One backend request per process, the model call, so that every process renews exactly
    // once: the codex provider does not fetch its models list here (the catalog request is
    // tests/e2e/codex_catalog_e2e_test.cpp's).
    CodexConcurrency() {
        home_.write("config.json", R"({"providers": [{"id": "codex", "list_models": false}]})");
    }

    std::string home() const { return home_.path().string(); }
    std::filesystem::path token_file() const { return home_.path() / "codex-auth.json"; }

    // A stored sign-in of a fresh grant whose access token expires `in_seconds` from now
    // (negative: already expired). Returns the access token.
    std::string seed(FakeOAuthServer& oauth, int64_t in_seconds) {
        codex::TokenSet tokens;
        tokens.access_token =
            codex::testing::make_access_token(kAccount, now() + in_seconds, "plus",
                                              "user@example.com", "seed-" + std::to_string(now()));
        tokens.refresh_token = oauth.issue_refresh_token();
        tokens.account_id = kAccount;
        tokens.plan = "plus";
        tokens.expires_at = now() + in_seconds;
        codex::KlaudeTokenFile(home()).save(tokens);
        seeded_refresh_token_ = tokens.refresh_token;
        return tokens.access_token;
    }

    // Starts `n` klaude processes back to back (a fork+exec each: they overlap), waits for all.
    std::vector<ProcessResult> run_together(const FakeOAuthServer& oauth,
                                            const FakeCodexBackend& backend, int n) {
        const auto env = codex_env(home(), oauth.issuer(), backend.base_url());
        std::vector<std::unique_ptr<KlaudeProcess>> processes;
        for (int i = 0; i < n; ++i) {
            processes.push_back(std::make_unique<KlaudeProcess>(
                std::vector<std::string>{"exec", "-m", "codex/gpt-5.1-codex",
                                         "say hello " + std::to_string(i)},
                env));
        }
        std::vector<ProcessResult> results;
        for (auto& process : processes) {
            results.push_back(process->wait());
        }
        return results;
    }

    void expect_all_answered(const std::vector<ProcessResult>& results) {
        for (size_t i = 0; i < results.size(); ++i) {
            EXPECT_EQ(results[i].exit_code, 0) << "process " << i << ": " << results[i].err;
            EXPECT_EQ(results[i].out, kAnswer) << "process " << i;
        }
    }

    // The end state: a whole 0600 file in a 0700 home holding the last rotation, its 0600
    // lock beside it, and no temporary file left behind.
    void expect_sound_home(const FakeOAuthServer& oauth) {
        std::string refresh_token;
        EXPECT_EQ(
            check_token_json(klaude::testing::TempDir::read_file(token_file()), &refresh_token),
            "");
        EXPECT_EQ(refresh_token, oauth.last_refresh_token());
        EXPECT_EQ(mode_of(token_file()), 0600u);
        EXPECT_EQ(mode_of(home_.path()), 0700u);
        EXPECT_EQ(mode_of(home_.path() / "codex-auth.json.lock"), 0600u);
        for (const auto& entry : std::filesystem::directory_iterator(home_.path())) {
            EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos)
                << "left behind: " << entry.path();
        }
    }

    void expect_watcher_saw_only_whole_files(TokenFileWatcher& watcher) {
        watcher.stop();
        EXPECT_EQ(watcher.problems(), std::vector<std::string>{});
        // The watcher must have read the file often enough to have had a chance of seeing a
        // torn one: thousands of samples in practice.
        EXPECT_GT(watcher.samples(), 100);
    }

    static void expect_each_token_spent_once(const std::vector<std::string>& presented) {
        const std::set<std::string> distinct(presented.begin(), presented.end());
        EXPECT_EQ(distinct.size(), presented.size()) << ::testing::PrintToString(presented);
    }

    klaude::testing::TempDir home_{"klaude-stress"};
    std::string seeded_refresh_token_;
};

// Tokens issued with expires_in 120 s are always inside the 5-minute renewal margin, so every
// process must renew, one after the other under the lock: 8 rotations, each refresh token
// presented once. Had two processes renewed with the same token, the server would have revoked
// the grant and every later process would fail.
TEST_F(CodexConcurrency, EveryProcessRenewsInTurnAndSpendsEachRefreshTokenOnce) {
    FakeOAuthServer::Options options;
    options.expires_in = 120;
    options.refresh_delay = std::chrono::milliseconds(30);
    FakeOAuthServer oauth(options);
    FakeCodexBackend backend;
    seed(oauth, 120);
    TokenFileWatcher watcher(token_file().string());

    const auto results = run_together(oauth, backend, kProcesses);

    expect_all_answered(results);
    const auto presented = oauth.presented_refresh_tokens();
    EXPECT_EQ(presented.size(), static_cast<size_t>(kProcesses));
    ASSERT_FALSE(presented.empty());
    EXPECT_EQ(presented.front(), seeded_refresh_token_);
    expect_each_token_spent_once(presented);
    EXPECT_EQ(backend.requests(), kProcesses);
    EXPECT_EQ(oauth.violations(), std::vector<std::string>{});
    EXPECT_EQ(backend.violations(), std::vector<std::string>{});
    expect_watcher_saw_only_whole_files(watcher);
    // The watcher saw the rotations go by: the seed, then the renewed tokens.
    EXPECT_GE(watcher.refresh_tokens_seen().size(), 2u);
    expect_sound_home(oauth);
}

// An expired access token: the first process to take the lock renews it (slowly: the server
// takes 300 ms, so the others pile up on the lock), the others re-read the file under the lock
// and use the new tokens without a request of their own.
TEST_F(CodexConcurrency, AnExpiredTokenIsRenewedOnceForAllProcesses) {
    FakeOAuthServer::Options options;
    options.refresh_delay = std::chrono::milliseconds(300);
    FakeOAuthServer oauth(options);
    FakeCodexBackend backend;
    seed(oauth, -3600);
    TokenFileWatcher watcher(token_file().string());

    const auto results = run_together(oauth, backend, kProcesses);

    expect_all_answered(results);
    EXPECT_EQ(oauth.presented_refresh_tokens(), std::vector<std::string>{seeded_refresh_token_});
    EXPECT_EQ(backend.requests(), kProcesses);
    EXPECT_EQ(oauth.violations(), std::vector<std::string>{});
    EXPECT_EQ(backend.violations(), std::vector<std::string>{});
    expect_watcher_saw_only_whole_files(watcher);
    expect_sound_home(oauth);
}

// The stored token looks valid but the backend refuses it (revoked on the server side): all
// processes get 401 at once, and exactly one of them renews; the others find the renewed token
// under the lock and retry with it.
TEST_F(CodexConcurrency, ABackendRefusalIsRenewedOnceForAllProcesses) {
    FakeOAuthServer::Options options;
    options.refresh_delay = std::chrono::milliseconds(100);
    FakeOAuthServer oauth(options);
    FakeCodexBackend backend;
    backend.reject_token(seed(oauth, 3600));
    TokenFileWatcher watcher(token_file().string());

    const auto results = run_together(oauth, backend, kProcesses);

    expect_all_answered(results);
    EXPECT_EQ(oauth.presented_refresh_tokens(), std::vector<std::string>{seeded_refresh_token_});
    // Each refused once then answered, except latecomers that started after the renewal and
    // read the new token straight away.
    EXPECT_GT(backend.requests(), kProcesses);
    EXPECT_LE(backend.requests(), 2 * kProcesses);
    EXPECT_EQ(oauth.violations(), std::vector<std::string>{});
    EXPECT_EQ(backend.violations(), std::vector<std::string>{});
    expect_watcher_saw_only_whole_files(watcher);
    expect_sound_home(oauth);
}

}  // namespace
}  // namespace klaude::stress
