#include "core/agent/tools/unified_diff.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using testing::TempDir;

TEST(UnifiedDiff, EqualTextsGiveNoDiff) {
    auto d = make_unified_diff("a\nb\n", "a\nb\n", "a/x", "b/x");
    EXPECT_TRUE(d.text.empty());
    EXPECT_EQ(d.added + d.removed, 0u);
}

TEST(UnifiedDiff, OneChangedLineWithContext) {
    auto d =
        make_unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nFIVE\n6\n7\n8\n", "a/f", "b/f");
    EXPECT_EQ(d.text,
              "--- a/f\n+++ b/f\n"
              "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n");
    EXPECT_EQ(d.added, 1u);
    EXPECT_EQ(d.removed, 1u);
}

TEST(UnifiedDiff, NewFileFromDevNull) {
    auto d = make_unified_diff("", "x\ny\n", "/dev/null", "b/new");
    EXPECT_EQ(d.text, "--- /dev/null\n+++ b/new\n@@ -0,0 +1,2 @@\n+x\n+y\n");
}

TEST(UnifiedDiff, FarApartChangesMakeTwoHunks) {
    std::string before;
    for (int i = 1; i <= 30; ++i) {
        before += std::to_string(i) + "\n";
    }
    std::string after = before;
    after.replace(after.find("3\n"), 2, "three\n");
    after.replace(after.find("\n27\n") + 1, 3, "27b\n");
    auto d = make_unified_diff(before, after, "a/f", "b/f");
    EXPECT_NE(d.text.find("@@ -1,6 +1,6 @@"), std::string::npos) << d.text;
    EXPECT_NE(d.text.find("@@ -24,7 +24,7 @@"), std::string::npos) << d.text;
}

TEST(UnifiedDiff, MissingFinalNewlineIsShown) {
    auto d = make_unified_diff("a\nb", "a\nb\n", "a/f", "b/f");
    EXPECT_EQ(d.text,
              "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}

TEST(UnifiedDiff, VeryDifferentTextsStillGiveACorrectDiff) {
    // Past the edit-distance limit the middle is shown replaced wholesale; still a valid diff.
    std::string before = "same head\n";
    std::string after = "same head\n";
    for (int i = 0; i < 3000; ++i) {
        before += "old " + std::to_string(i) + "\n";
        after += "new " + std::to_string(i) + "\n";
    }
    before += "same tail\n";
    after += "same tail\n";
    auto d = make_unified_diff(before, after, "a/f", "b/f");
    EXPECT_EQ(d.removed, 3000u);
    EXPECT_EQ(d.added, 3000u);
    EXPECT_EQ(d.text.rfind("--- a/f\n+++ b/f\n@@ -1,3002 +1,3002 @@\n same head\n-old 0\n", 0), 0u)
        << d.text.substr(0, 200);
}

// The strongest check available: GNU patch must turn the old text into the new one with our
// diff, for many random edits.
TEST(UnifiedDiff, GnuPatchAppliesRandomDiffs) {
    if (std::system("patch --version > /dev/null 2>&1") != 0) {
        GTEST_SKIP() << "GNU patch is not installed";
    }
    std::mt19937 rng(12345);
    TempDir dir;
    for (int round = 0; round < 25; ++round) {
        std::vector<std::string> lines;
        int n = static_cast<int>(rng() % 40);
        for (int i = 0; i < n; ++i) {
            lines.push_back("line " + std::to_string(rng() % 12));
        }
        std::vector<std::string> changed = lines;
        int edits = 1 + static_cast<int>(rng() % 6);
        for (int e = 0; e < edits; ++e) {
            std::size_t at = changed.empty() ? 0 : rng() % (changed.size() + 1);
            switch (rng() % 3) {
                case 0:
                    changed.insert(changed.begin() + static_cast<long>(at),
                                   "new " + std::to_string(e));
                    break;
                case 1:
                    if (at < changed.size())
                        changed.erase(changed.begin() + static_cast<long>(at));
                    break;
                default:
                    if (at < changed.size())
                        changed[at] = "changed " + std::to_string(e);
            }
        }
        std::string before;
        std::string after;
        for (const auto& l : lines)
            before += l + "\n";
        for (const auto& l : changed)
            after += l + "\n";
        if (round % 5 == 0 && !after.empty())
            after.pop_back();  // also no final newline

        auto d = make_unified_diff(before, after, "a/file.txt", "b/file.txt");
        dir.write("file.txt", before);
        dir.write("change.diff", d.text);
        std::string cmd =
            "cd '" + dir.path().string() +
            "' && patch -s -p1 --no-backup-if-mismatch < change.diff > /dev/null 2>&1";
        if (d.text.empty()) {
            EXPECT_EQ(before, after);
            continue;
        }
        ASSERT_EQ(std::system(cmd.c_str()), 0) << "round " << round << "\n" << d.text;
        EXPECT_EQ(dir.read("file.txt"), after) << "round " << round << "\n" << d.text;
    }
}

}  // namespace
}  // namespace klaude::core::agent
