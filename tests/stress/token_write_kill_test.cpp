// kill -9 in the middle of a token write: codex-auth.json must hold the old sign-in or the new
// one, whole, never a torn mix, because the store writes a temporary file and renames it.
//
// Deterministic timing: an inotify watch on KLAUDE_HOME reports the creation of the temporary
// file (codex-auth.json.tmp-…) the moment open(2) makes it, and the test sends SIGKILL right
// then, i.e. after the write began and (almost always) before the rename. A temporary file
// left behind proves the kill landed before the rename; the tests count those.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <Poco/Process.h>

#include <ctime>
#include <filesystem>
#include <iostream>

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

constexpr const char* kTempPrefix = "codex-auth.json.tmp-";

unsigned mode_of(const std::filesystem::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

// Temporary files a killed writer left in `dir` (removed here); each must still be private.
// `sizes` receives their sizes: a size between 0 and the full one is a write cut in half.
int leftovers(const std::filesystem::path& dir, std::vector<uintmax_t>* sizes = nullptr) {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().filename().string().rfind(kTempPrefix, 0) == 0) {
            EXPECT_EQ(mode_of(entry.path()), 0600u) << entry.path();
            if (sizes != nullptr) {
                sizes->push_back(std::filesystem::file_size(entry.path()));
            }
            std::filesystem::remove(entry.path());
            ++count;
        }
    }
    return count;
}

// The helper writing a 16 MB sign-in (fill 'b') over a 16 MB one (fill 'a'): the write takes
// milliseconds, so the kill lands inside it. Repeated: every outcome must be all-a or all-b.
TEST(TokenWriteKill, AKilledWriterLeavesTheOldOrTheNewFileNeverATornOne) {
    klaude::testing::TempDir home("klaude-stress-kill");
    const std::filesystem::path file = home.path() / "codex-auth.json";
    constexpr size_t kBytes = 16 * 1024 * 1024;
    codex::TokenSet old_tokens;
    old_tokens.access_token = "access-a";
    old_tokens.refresh_token = "refresh-a";
    old_tokens.account_id = "acct-stress-0001";
    old_tokens.id_token.assign(kBytes, 'a');
    codex::KlaudeTokenFile(home.path().string()).save(old_tokens);
    const std::string old_text = klaude::testing::TempDir::read_file(file);

    int killed_before_rename = 0, old_kept = 0;
    std::vector<uintmax_t> temp_sizes;
    // Until three kills landed before the rename (usually three rounds), at most 20 rounds.
    int rounds = 0;
    for (; rounds < 20 && killed_before_rename < 3; ++rounds) {
        const int round = rounds;
        FileCreationWatch watch(home.path().string());
        Poco::ProcessHandle writer = Poco::Process::launch(
            STRESS_TOKEN_WRITER, {home.path().string(), "b", std::to_string(kBytes)});
        const std::string temp = watch.wait_for(kTempPrefix, std::chrono::seconds(30));
        ::kill(writer.id(), SIGKILL);
        const int status = writer.wait();
        ASSERT_FALSE(temp.empty()) << "the writer never created its temporary file";

        const std::string text = klaude::testing::TempDir::read_file(file);
        std::string refresh_token;
        ASSERT_EQ(check_token_json(text, &refresh_token), "") << "round " << round;
        if (refresh_token == "refresh-a") {
            EXPECT_EQ(text, old_text) << "round " << round;
            ++old_kept;
        } else {
            // The new file, whole: every byte of its 16 MB id_token is there.
            EXPECT_EQ(refresh_token, "refresh-b");
            EXPECT_NE(text.find(std::string(kBytes, 'b')), std::string::npos);
            EXPECT_EQ(status, 0) << "a file was renamed into place, so the writer finished";
        }
        EXPECT_EQ(mode_of(file), 0600u);
        killed_before_rename += leftovers(home.path(), &temp_sizes);
        // Back to the old sign-in for the next round.
        codex::KlaudeTokenFile(home.path().string()).save(old_tokens);
    }
    std::cout << "[ stress   ] " << killed_before_rename << " of " << rounds
              << " kills landed before the rename; the old file was kept " << old_kept
              << " times; sizes of the temporary files left: "
              << ::testing::PrintToString(temp_sizes) << " of " << old_text.size() << "\n";
    // The point of the test: the kill did land in the middle of writes, and those left the
    // old file intact.
    EXPECT_GE(killed_before_rename, 1);
    EXPECT_EQ(old_kept, killed_before_rename);
}

int64_t now() {
    return static_cast<int64_t>(std::time(nullptr));
}

// The real klaude, killed the moment it starts saving a renewed sign-in. The file is the old
// one or the new one. What follows differs, and both are the right thing to tell the user:
// with the new file the next run just works; with the old one the OAuth server had already
// rotated the refresh token, so the next run's renewal is refused (reuse revokes the grant)
// with one line saying to sign in again.
TEST(TokenWriteKill, KlaudeKilledWhileSavingARenewedSignInLeavesAUsableOrClearlyDeadFile) {
    FakeOAuthServer oauth;
    FakeCodexBackend backend;
    int old_kept = 0, new_kept = 0;
    constexpr int kRounds = 4;
    for (int round = 0; round < kRounds; ++round) {
        klaude::testing::TempDir home("klaude-stress-kill");
        const std::filesystem::path file = home.path() / "codex-auth.json";
        codex::TokenSet tokens;
        tokens.access_token = codex::testing::make_access_token("acct-fake-000123456", now() - 60);
        tokens.refresh_token = oauth.issue_refresh_token();
        tokens.account_id = "acct-fake-000123456";
        tokens.expires_at = now() - 60;
        codex::KlaudeTokenFile(home.path().string()).save(tokens);
        const std::string old_text = klaude::testing::TempDir::read_file(file);
        const auto env = codex_env(home.path().string(), oauth.issuer(), backend.base_url());

        FileCreationWatch watch(home.path().string());
        KlaudeProcess klaude({"exec", "-m", "codex/gpt-5.1-codex", "hi"}, env);
        const std::string temp = watch.wait_for(kTempPrefix, std::chrono::seconds(30));
        klaude.signal(SIGKILL);
        const ProcessResult killed = klaude.wait();
        ASSERT_FALSE(temp.empty()) << killed.err;

        const std::string text = klaude::testing::TempDir::read_file(file);
        std::string refresh_token;
        ASSERT_EQ(check_token_json(text, &refresh_token), "") << "round " << round;
        EXPECT_EQ(mode_of(file), 0600u);
        leftovers(home.path());

        const ProcessResult next =
            klaude::testing::run_klaude({"exec", "-m", "codex/gpt-5.1-codex", "hi"}, env);
        if (text == old_text) {
            ++old_kept;
            EXPECT_EQ(next.exit_code, 1) << next.err;
            EXPECT_EQ(line_count(next.err), 1u) << next.err;
            EXPECT_THAT(next.err, HasSubstr("klaude auth login codex"));
        } else {
            ++new_kept;
            EXPECT_EQ(refresh_token, oauth.last_refresh_token());
            EXPECT_EQ(next.exit_code, 0) << next.err;
            EXPECT_EQ(next.out, "Hello from Codex\n");
        }
    }
    std::cout << "[ stress   ] klaude killed while saving: old file kept " << old_kept
              << " times, new file " << new_kept << " times\n";
    EXPECT_EQ(old_kept + new_kept, kRounds);
}

}  // namespace
}  // namespace klaude::stress
