// Coloured diffs (tagged theme: {b} bold, {fg=N} colour, {/} reset) and the cut marker.
#include "core/tui/diff_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace klaude::core::tui {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kDiff =
    "--- a/calc.py\n"
    "+++ b/calc.py\n"
    "@@ -1,2 +1,2 @@\n"
    " def add(a, b):\n"
    "-    return a - b\n"
    "+    return a + b\n"
    "\\ No newline at end of file\n";

TEST(DiffViewTest, EachKindOfLineHasItsRole) {
    EXPECT_EQ(render_diff(kDiff, Theme::tagged(), 0, true),
              "{b}--- a/calc.py{/}\n"
              "{b}+++ b/calc.py{/}\n"
              "{fg=6}@@ -1,2 +1,2 @@{/}\n"
              " def add(a, b):\n"
              "{fg=1}-    return a - b{/}\n"
              "{fg=2}+    return a + b{/}\n"
              "{dim}\\ No newline at end of file{/}\n");
}

TEST(DiffViewTest, AnsiColoursAddedGreenAndRemovedRed) {
    const std::string out = render_diff(kDiff, Theme::ansi(), 0, true);
    EXPECT_THAT(out, HasSubstr("\x1b[0;32m+    return a + b\x1b[0m\n"));
    EXPECT_THAT(out, HasSubstr("\x1b[0;31m-    return a - b\x1b[0m\n"));
    EXPECT_THAT(out, HasSubstr("\x1b[0;36m@@ -1,2 +1,2 @@"));
}

TEST(DiffViewTest, RemovedLinesThatLookLikeHeadersStayRemovedLines) {
    // The removed line "-- x" reads "--- x": without "+++ " after it, it is no file header.
    EXPECT_EQ(render_diff("@@ -1,2 +1 @@\n--- x\n keep\n", Theme::tagged(), 0, true),
              "{fg=6}@@ -1,2 +1 @@{/}\n{fg=1}--- x{/}\n keep\n");
}

TEST(DiffViewTest, ALongDiffIsCutWithAMarkerCountingEverything) {
    std::string diff = "--- a/f\n+++ b/f\n@@ -1,30 +1,30 @@\n";
    for (int i = 0; i < 30; ++i) {
        diff += "-old " + std::to_string(i) + "\n+new " + std::to_string(i) + "\n";
    }
    const std::string out = render_diff(diff, Theme::plain(), 20, true);
    EXPECT_THAT(out, HasSubstr("-old 0\n"));
    EXPECT_THAT(out, Not(HasSubstr("new 29")));
    // 63 lines: 19 shown, then the marker.
    EXPECT_THAT(out, HasSubstr("\n⋮ 44 more lines (+30 -30 in all)\n"));
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 20);
    EXPECT_THAT(render_diff(diff, Theme::plain(), 20, false),
                HasSubstr("\n... 44 more lines (+30 -30 in all)\n"));
}

TEST(DiffViewTest, ADiffThatFitsIsNotCut) {
    EXPECT_THAT(render_diff(kDiff, Theme::plain(), 7, true), Not(HasSubstr("more lines")));
}

TEST(DiffViewTest, ControlCharactersInTheFileCannotReachTheTerminal) {
    const std::string out =
        render_diff("@@ -1 +1 @@\n+evil \x1b]0;title\x07 \x1b[2J\n", Theme::ansi(), 0, true);
    EXPECT_THAT(out, Not(HasSubstr("\x1b]")));
    EXPECT_THAT(out, Not(HasSubstr("\x1b[2J")));
    EXPECT_THAT(out, HasSubstr("+evil \xEF\xBF\xBD]0;title\xEF\xBF\xBD"));
}

TEST(DiffViewTest, DiffRowsLeaveRoomButNeverFewerThanTwenty) {
    EXPECT_EQ(diff_rows_for(60), 48u);
    EXPECT_EQ(diff_rows_for(24), 20u);
    EXPECT_EQ(diff_rows_for(0), 20u);
}

TEST(DiffViewTest, EditSummaryColoursTheCounts) {
    EXPECT_EQ(edit_summary({"src/calc.py", 3, 1}, Theme::tagged()),
              "{fg=2}+3{/} {fg=1}-1{/} src/calc.py");
    EXPECT_EQ(edit_summary({"a.txt", 0, 0}, Theme::plain()), "+0 -0 a.txt");
}

}  // namespace
}  // namespace klaude::core::tui
