#include "core/agent/tools/glob_matcher.h"

#include <gtest/gtest.h>

namespace klaude::core::agent {
namespace {

TEST(GlobSegment, Wildcards) {
    EXPECT_TRUE(glob_match_segment("*.cpp", "main.cpp"));
    EXPECT_FALSE(glob_match_segment("*.cpp", "main.cpp.o"));
    EXPECT_TRUE(glob_match_segment("a?c", "abc"));
    EXPECT_FALSE(glob_match_segment("a?c", "ac"));
    EXPECT_TRUE(glob_match_segment("[a-c]x", "bx"));
    EXPECT_FALSE(glob_match_segment("[!a-c]x", "bx"));
    EXPECT_TRUE(glob_match_segment("*", ""));
    EXPECT_TRUE(glob_match_segment("*a*b*", "xxaxxbxx"));
    EXPECT_TRUE(glob_match_segment("[x", "[x"));  // unterminated bracket is literal
}

TEST(GlobPath, DoubleStarSpansDirectories) {
    EXPECT_TRUE(glob_match_path("**/*.cpp", "main.cpp"));
    EXPECT_TRUE(glob_match_path("**/*.cpp", "src/a/b/main.cpp"));
    EXPECT_FALSE(glob_match_path("**/*.cpp", "src/main.h"));
    EXPECT_TRUE(glob_match_path("src/**/test_*.py", "src/test_a.py"));
    EXPECT_TRUE(glob_match_path("src/**/test_*.py", "src/x/y/test_a.py"));
    EXPECT_FALSE(glob_match_path("src/**/test_*.py", "lib/test_a.py"));
}

TEST(GlobPath, SingleStarStaysInOneDirectory) {
    EXPECT_TRUE(glob_match_path("*.txt", "a.txt"));
    EXPECT_FALSE(glob_match_path("*.txt", "dir/a.txt"));
    EXPECT_TRUE(glob_match_path("src/*/main.cpp", "src/app/main.cpp"));
    EXPECT_FALSE(glob_match_path("src/*/main.cpp", "src/a/b/main.cpp"));
    EXPECT_TRUE(glob_match_path("./src/*.h", "src/a.h"));
}

}  // namespace
}  // namespace klaude::core::agent
