#include "plugins/codex/auth/token_store.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include <Poco/File.h>
#include <rapidjson/document.h>

#include "plugins/codex/auth/active_store.h"
#include "plugins/codex/auth/codex_cli_store.h"
#include "plugins/codex/auth/file_lock.h"
#include "plugins/codex/auth/private_file.h"
#include "tests/plugins/codex/temp_dir.h"
#include "tests/plugins/codex/test_jwt.h"

namespace klaude::codex {
namespace {

using testing::TempDir;

mode_t mode_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string read_text(const std::string& path) {
    return read_file_if_exists(path).value_or("");
}

TokenSet sample_tokens() {
    TokenSet t;
    t.access_token = testing::make_access_token("acct-1234567890", 2000000000);
    t.refresh_token = "refresh-1";
    t.id_token = testing::make_id_token("acct-1234567890", "me@example.com");
    t.expires_at = 1999999000;
    t.account_id = "acct-1234567890";
    t.plan = "pro";
    t.email = "me@example.com";
    t.last_refresh = 1700000000;
    return t;
}

TEST(KlaudeTokenFile, RoundTripsEveryField) {
    TempDir home;
    KlaudeTokenFile store(home.path());
    EXPECT_FALSE(store.load().has_value());
    const TokenSet saved = sample_tokens();
    store.save(saved);
    const std::optional<TokenSet> loaded = store.load();
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->access_token, saved.access_token);
    EXPECT_EQ(loaded->refresh_token, saved.refresh_token);
    EXPECT_EQ(loaded->id_token, saved.id_token);
    EXPECT_EQ(loaded->expires_at, saved.expires_at);
    EXPECT_EQ(loaded->account_id, saved.account_id);
    EXPECT_EQ(loaded->plan, saved.plan);
    EXPECT_EQ(loaded->email, saved.email);
    EXPECT_EQ(loaded->last_refresh, saved.last_refresh);
    EXPECT_EQ(store.path(), home.file("codex-auth.json"));
}

TEST(KlaudeTokenFile, FileIs0600InA0700DirectoryWithNoTempFilesLeft) {
    TempDir root;
    const std::string home = root.file("new-home/nested");
    KlaudeTokenFile store(home);
    store.save(sample_tokens());
    EXPECT_EQ(mode_of(home), 0700u);
    EXPECT_EQ(mode_of(root.file("new-home")), 0700u);
    EXPECT_EQ(mode_of(store.path()), 0600u);
    std::vector<std::string> names;
    Poco::File(home).list(names);
    EXPECT_EQ(names, std::vector<std::string>{"codex-auth.json"});
}

TEST(KlaudeTokenFile, TightensAnOpenHomeDirectoryAndIgnoresTheUmask) {
    TempDir home;
    ASSERT_EQ(::chmod(home.path().c_str(), 0755), 0);
    const mode_t old_umask = ::umask(0);
    KlaudeTokenFile(home.path()).save(sample_tokens());
    ::umask(old_umask);
    EXPECT_EQ(mode_of(home.path()), 0700u);
    EXPECT_EQ(mode_of(home.file("codex-auth.json")), 0600u);
}

void expect_unusable(const std::string& content, const std::string& problem) {
    TempDir home;
    write_text(home.file("codex-auth.json"), content);
    KlaudeTokenFile store(home.path());
    try {
        store.load();
        FAIL() << "no error for " << content;
    } catch (const TokenFileError& e) {
        const std::string message = e.what();
        EXPECT_EQ(e.status(), KLAUDE_ERROR_AUTH);
        EXPECT_NE(message.find(home.file("codex-auth.json")), std::string::npos) << message;
        EXPECT_NE(message.find("klaude auth login codex"), std::string::npos) << message;
        EXPECT_NE(message.find(problem), std::string::npos) << message;
        EXPECT_EQ(message.find("secret-refresh"), std::string::npos) << message;
    }
}

TEST(KlaudeTokenFile, CorruptForeignOrIncompleteFilesGiveAClearError) {
    expect_unusable("{\"auth_mode\":\"chatgpt\",\"refresh_token\":\"secret-refresh\"",
                    "not valid JSON");
    expect_unusable("", "not valid JSON");
    expect_unusable("[1,2,3]", "not valid JSON");
    expect_unusable(R"({"OPENAI_API_KEY":null,"tokens":{}})", "not written by klaude");
    expect_unusable(R"({"auth_mode":"chatgpt","refresh_token":"secret-refresh"})", "lacks");
    expect_unusable(R"({"auth_mode":"chatgpt","access_token":7,"refresh_token":"secret-refresh",
                       "account_id":"a"})",
                    "lacks");
}

// The integer reader shared with the JWT claims (fuzz_jwt found its double conversion UB).
TEST(KlaudeTokenFile, TimesOutsideTheInt64RangeReadAsUnknown) {
    TempDir home;
    write_text(home.file("codex-auth.json"),
               R"({"auth_mode":"chatgpt","access_token":"a","refresh_token":"r","account_id":"x",
                   "expires_at":1e300,"last_refresh":18446744073709551615})");
    const std::optional<TokenSet> tokens = KlaudeTokenFile(home.path()).load();
    ASSERT_TRUE(tokens.has_value());
    EXPECT_EQ(tokens->expires_at, 0);
    EXPECT_EQ(tokens->last_refresh, 0);
}

TEST(KlaudeTokenFile, ConcurrentReadersSeeOnlyWholeFiles) {
    TempDir home;
    KlaudeTokenFile store(home.path());
    TokenSet a = sample_tokens();
    TokenSet b = sample_tokens();
    b.refresh_token = std::string(20000, 'b');  // a long file takes several writes
    store.save(a);
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int i = 0; i < 200; ++i) {
            store.save(i % 2 == 0 ? b : a);
        }
        done = true;
    });
    int reads = 0;
    while (!done) {
        const std::optional<TokenSet> loaded = store.load();  // throws on a partial file
        ASSERT_TRUE(loaded.has_value());
        EXPECT_TRUE(loaded->refresh_token == a.refresh_token ||
                    loaded->refresh_token == b.refresh_token);
        ++reads;
    }
    writer.join();
    EXPECT_GT(reads, 0);
}

TEST(KlaudeTokenFile, RemoveSaysWhetherThereWasAFile) {
    TempDir home;
    KlaudeTokenFile store(home.path());
    EXPECT_FALSE(store.remove());
    store.save(sample_tokens());
    EXPECT_TRUE(store.remove());
    EXPECT_FALSE(store.load().has_value());
}

const char* kCodexCliFile = R"({
  "OPENAI_API_KEY": null,
  "tokens": {
    "id_token": "ID",
    "access_token": "ACCESS",
    "refresh_token": "codex-refresh",
    "account_id": null
  },
  "last_refresh": "2025-09-18T12:34:56.789012Z",
  "future_field": {"kept": true}
})";

std::string codex_cli_content() {
    std::string text = kCodexCliFile;
    text.replace(text.find("\"ID\""), 4,
                 "\"" + testing::make_id_token("acct-cli-123456", "cli@example.com") + "\"");
    text.replace(text.find("\"ACCESS\""), 8,
                 "\"" + testing::make_access_token("acct-cli-123456", 1900000000, "team") + "\"");
    return text;
}

TEST(CodexCliTokenFile, ReadsTheCodexCliFormat) {
    TempDir codex_home;
    write_text(codex_home.file("auth.json"), codex_cli_content());
    CodexCliTokenFile store(codex_home.file("auth.json"));
    const std::optional<TokenSet> tokens = store.load();
    ASSERT_TRUE(tokens.has_value());
    EXPECT_EQ(tokens->refresh_token, "codex-refresh");
    EXPECT_EQ(tokens->account_id, "acct-cli-123456");  // from the JWT: the file has null
    EXPECT_EQ(tokens->plan, "team");
    EXPECT_EQ(tokens->expires_at, 1900000000);
    EXPECT_EQ(tokens->last_refresh, 1758198896);
    EXPECT_EQ(store.lock_path(), codex_home.file("auth.json.lock"));
}

TEST(CodexCliTokenFile, WritesInPlaceKeepingUnknownFields) {
    TempDir codex_home;
    write_text(codex_home.file("auth.json"), codex_cli_content());
    CodexCliTokenFile store(codex_home.file("auth.json"));
    TokenSet tokens = *store.load();
    tokens.refresh_token = "rotated";
    tokens.access_token = testing::make_access_token("acct-cli-123456", 1950000000);
    tokens.last_refresh = 1760000000;
    store.save(tokens);

    rapidjson::Document doc;
    const std::string text = read_text(codex_home.file("auth.json"));
    doc.Parse(text.c_str());
    ASSERT_TRUE(doc.IsObject()) << text;
    EXPECT_TRUE(doc["future_field"]["kept"].GetBool());
    EXPECT_TRUE(doc["OPENAI_API_KEY"].IsNull());
    EXPECT_STREQ(doc["tokens"]["refresh_token"].GetString(), "rotated");
    EXPECT_STREQ(doc["tokens"]["account_id"].GetString(), "acct-cli-123456");
    EXPECT_STREQ(doc["last_refresh"].GetString(), "2025-10-09T08:53:20.000000Z");
    EXPECT_EQ(mode_of(codex_home.file("auth.json")), 0600u);
    EXPECT_EQ(store.load()->expires_at, 1950000000);
}

TEST(CodexCliTokenFile, ApiKeyLoginOrMissingFileIsAClearError) {
    TempDir codex_home;
    CodexCliTokenFile store(codex_home.file("auth.json"));
    EXPECT_THROW(store.load(), TokenFileError);
    write_text(codex_home.file("auth.json"), R"({"OPENAI_API_KEY":"sk-secret"})");
    try {
        store.load();
        FAIL();
    } catch (const TokenFileError& e) {
        EXPECT_NE(std::string(e.what()).find("not signed in with ChatGPT"), std::string::npos);
        EXPECT_EQ(std::string(e.what()).find("sk-secret"), std::string::npos);
    }
}

TEST(ActiveStore, FollowsTheCodexCliPointer) {
    TempDir home, codex_home;
    write_text(codex_home.file("auth.json"), codex_cli_content());
    EXPECT_EQ(open_active_store(home.path())->path(), home.file("codex-auth.json"));
    KlaudeTokenFile(home.path()).save_codex_cli_pointer(codex_home.file("auth.json"));
    const auto store = open_active_store(home.path());
    EXPECT_EQ(store->path(), codex_home.file("auth.json"));
    EXPECT_EQ(store->load()->refresh_token, "codex-refresh");
    EXPECT_THROW(KlaudeTokenFile(home.path()).load(), TokenFileError);
}

TEST(FileLock, ExcludesASecondHolderUntilReleased) {
    TempDir dir;
    const std::string lock_path = dir.file("codex-auth.json.lock");
    auto first = std::make_unique<FileLock>(lock_path);
    EXPECT_EQ(mode_of(lock_path), 0600u);
    try {
        FileLock second(lock_path, std::chrono::milliseconds(200));
        FAIL() << "a second holder got the lock";
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_TIMEOUT);
    }
    std::atomic<bool> acquired{false};
    std::thread waiter([&] {
        FileLock third(lock_path, std::chrono::seconds(30));
        acquired = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_FALSE(acquired);
    first.reset();
    waiter.join();
    EXPECT_TRUE(acquired);
}

TEST(FileLock, WaitingEndsWhenCancelled) {
    TempDir dir;
    FileLock held(dir.file("x.lock"));
    try {
        FileLock second(dir.file("x.lock"), std::chrono::seconds(30), [] { return true; });
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_CANCELLED);
    }
}

}  // namespace
}  // namespace klaude::codex
