#include "core/config/klaude_home.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <thread>

#include "tests/core/config/test_env.h"

namespace klaude::core {
namespace {

using test::entries_of;
using test::mode_of;
using test::read_file;
using test::ScopedEnv;
using test::ScopedUmask;
using test::TempDir;
using ::testing::HasSubstr;

TEST(KlaudeHome, ResolvesFromKlaudeHomeEnvironment) {
    TempDir tmp;
    ScopedEnv env("KLAUDE_HOME", (tmp.path() / "k").c_str());
    EXPECT_EQ(resolve_klaude_home(), tmp.path() / "k");
}

TEST(KlaudeHome, RelativeKlaudeHomeBecomesAbsolute) {
    ScopedEnv env("KLAUDE_HOME", "some/rel/dir");
    const auto home = resolve_klaude_home();
    EXPECT_TRUE(home.is_absolute());
    EXPECT_EQ(home, (std::filesystem::current_path() / "some/rel/dir").lexically_normal());
}

TEST(KlaudeHome, TrailingSlashIsDropped) {
    ScopedEnv env("KLAUDE_HOME", "/tmp/some-klaude/");
    EXPECT_EQ(resolve_klaude_home().string(), "/tmp/some-klaude");
}

TEST(KlaudeHome, DefaultsToDotKlaudeInHome) {
    TempDir tmp;
    ScopedEnv unset("KLAUDE_HOME", nullptr);
    ScopedEnv home("HOME", tmp.path().c_str());
    EXPECT_EQ(resolve_klaude_home(), tmp.path() / ".klaude");
}

TEST(KlaudeHome, EmptyKlaudeHomeFallsBackToHome) {
    TempDir tmp;
    ScopedEnv empty("KLAUDE_HOME", "");
    ScopedEnv home("HOME", tmp.path().c_str());
    EXPECT_EQ(resolve_klaude_home(), tmp.path() / ".klaude");
}

TEST(KlaudeHome, CreatedWithMode0700AndParentsEvenWithPermissiveUmask) {
    TempDir tmp;
    ScopedUmask umask(0);
    const auto home = tmp.path() / "a" / "b" / "klaude";
    ensure_klaude_home(home);
    ASSERT_TRUE(std::filesystem::is_directory(home));
    EXPECT_EQ(mode_of(home), 0700u);
}

TEST(KlaudeHome, LooserModeIsTightened) {
    TempDir tmp;
    const auto home = tmp.path() / "k";
    ASSERT_EQ(::mkdir(home.c_str(), 0755), 0);
    ASSERT_EQ(::chmod(home.c_str(), 0777), 0);
    ensure_klaude_home(home);
    EXPECT_EQ(mode_of(home), 0700u);
}

TEST(KlaudeHome, ExistingFilesAreKept) {
    TempDir tmp;
    const auto home = tmp.path() / "k";
    ensure_klaude_home(home);
    test::write_file(home / "keep", "data");
    ensure_klaude_home(home);
    EXPECT_EQ(read_file(home / "keep"), "data");
}

TEST(KlaudeHome, AFileInTheWayIsAClearError) {
    TempDir tmp;
    const auto home = tmp.path() / "k";
    test::write_file(home, "not a dir");
    try {
        ensure_klaude_home(home);
        FAIL() << "expected HomeError";
    } catch (const HomeError& e) {
        EXPECT_THAT(e.what(), HasSubstr(home.string()));
        EXPECT_THAT(e.what(), HasSubstr("not a directory"));
        EXPECT_THAT(e.what(), HasSubstr("KLAUDE_HOME"));
    }
}

TEST(KlaudeHome, OpenResolvesAndCreates) {
    TempDir tmp;
    ScopedEnv env("KLAUDE_HOME", (tmp.path() / "fresh").c_str());
    const auto home = open_klaude_home();
    EXPECT_EQ(home, tmp.path() / "fresh");
    EXPECT_EQ(mode_of(home), 0700u);
}

TEST(WritePrivateFile, WritesContentWithMode0600WhateverTheUmask) {
    TempDir tmp;
    ScopedUmask umask(0);
    const auto file = tmp.path() / "secret.json";
    write_private_file(file, "{\"token\":\"x\"}\n");
    EXPECT_EQ(read_file(file), "{\"token\":\"x\"}\n");
    EXPECT_EQ(mode_of(file), 0600u);
    EXPECT_EQ(entries_of(tmp.path()), std::vector<std::string>{"secret.json"});
}

TEST(WritePrivateFile, ReplacesAnExistingLooserFile) {
    TempDir tmp;
    const auto file = tmp.path() / "f";
    test::write_file(file, "old old old old");
    ASSERT_EQ(::chmod(file.c_str(), 0644), 0);
    write_private_file(file, "new");
    EXPECT_EQ(read_file(file), "new");
    EXPECT_EQ(mode_of(file), 0600u);
    EXPECT_EQ(entries_of(tmp.path()), std::vector<std::string>{"f"});
}

TEST(WritePrivateFile, EmptyContentIsAFileToo) {
    TempDir tmp;
    write_private_file(tmp.path() / "empty", "");
    EXPECT_TRUE(std::filesystem::exists(tmp.path() / "empty"));
    EXPECT_EQ(std::filesystem::file_size(tmp.path() / "empty"), 0u);
}

TEST(WritePrivateFile, FailureLeavesNoTempFileAndNamesThePath) {
    TempDir tmp;
    // rename() cannot replace a non-empty directory: the last step fails.
    const auto target = tmp.path() / "occupied";
    std::filesystem::create_directories(target / "inside");
    try {
        write_private_file(target, "content");
        FAIL() << "expected HomeError";
    } catch (const HomeError& e) {
        EXPECT_THAT(e.what(), HasSubstr(target.string()));
    }
    EXPECT_EQ(entries_of(tmp.path()), std::vector<std::string>{"occupied"});
    EXPECT_TRUE(std::filesystem::is_directory(target / "inside"));
}

TEST(WritePrivateFile, MissingDirectoryIsAClearError) {
    TempDir tmp;
    const auto file = tmp.path() / "nope" / "f";
    try {
        write_private_file(file, "x");
        FAIL() << "expected HomeError";
    } catch (const HomeError& e) {
        EXPECT_THAT(e.what(), HasSubstr(file.string()));
        EXPECT_THAT(e.what(), HasSubstr("exists and is writable"));
    }
}

// A reader racing the writer sees the old or the new file whole, never a mix or a prefix:
// that is what temp + rename buys over writing in place.
TEST(WritePrivateFile, ConcurrentReadersNeverSeeAPartialFile) {
    TempDir tmp;
    const auto file = tmp.path() / "shared.json";
    const std::string a(256 * 1024, 'a');
    const std::string b(512 * 1024, 'b');
    write_private_file(file, a);
    std::atomic<bool> done{false};
    std::atomic<int> bad{0};
    std::atomic<int> reads{0};
    std::thread reader([&] {
        while (!done) {
            const std::string seen = read_file(file);
            if (seen != a && seen != b) {
                ++bad;
            }
            ++reads;
        }
    });
    for (int i = 0; i < 40; ++i) {
        write_private_file(file, i % 2 == 0 ? b : a);
    }
    done = true;
    reader.join();
    EXPECT_GT(reads.load(), 0);
    EXPECT_EQ(bad.load(), 0);
    EXPECT_EQ(entries_of(tmp.path()), std::vector<std::string>{"shared.json"});
}

}  // namespace
}  // namespace klaude::core
