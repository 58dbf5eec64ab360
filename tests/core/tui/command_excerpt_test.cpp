// A shell call's rows: head and tail of the output, dimmed, then the exit status.
#include "core/tui/command_excerpt.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/tui/tool_rows.h"

namespace klaude::core::tui {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string numbered(int lines) {
    std::string out;
    for (int i = 1; i <= lines; ++i) {
        out += "check " + std::to_string(i) + " ok\n";
    }
    return out;
}

agent::ToolResult shell_result(std::string output, int exit_code) {
    agent::ToolResult result;
    result.exit_code = exit_code;
    result.is_error = exit_code != 0;
    result.command_output = std::move(output);
    result.output = "Exit code: ...\n" + result.command_output;
    return result;
}

TEST(CommandExcerptTest, ShortOutputIsShownWhole) {
    const CommandExcerpt excerpt = command_excerpt(numbered(8));
    EXPECT_EQ(excerpt.head.size(), 8u);
    EXPECT_TRUE(excerpt.tail.empty());
    EXPECT_EQ(excerpt.omitted, 0u);
}

TEST(CommandExcerptTest, LongOutputKeepsHeadAndTail) {
    const CommandExcerpt excerpt = command_excerpt(numbered(12));
    EXPECT_THAT(excerpt.head, ElementsAre("check 1 ok", "check 2 ok", "check 3 ok", "check 4 ok"));
    EXPECT_THAT(excerpt.tail,
                ElementsAre("check 9 ok", "check 10 ok", "check 11 ok", "check 12 ok"));
    EXPECT_EQ(excerpt.omitted, 4u);
}

TEST(CommandExcerptTest, CarriageReturnsShowTheLastRedrawAndCrlfIsOneLineEnd) {
    const CommandExcerpt excerpt = command_excerpt("10%\r50%\r100%\nwin\r\nlast line, no newline");
    EXPECT_THAT(excerpt.head, ElementsAre("100%", "win", "last line, no newline"));
    EXPECT_TRUE(command_excerpt("").head.empty());
}

TEST(CommandExcerptTest, RowsAreDimmedAndTheExitCodeColoured) {
    EXPECT_EQ(render_command_result(shell_result("a\nb\n", 0), Theme::tagged(), true, 100),
              "{dim}  │ a{/}\n{dim}  │ b{/}\n  {fg=2}exit 0{/}\n");
    EXPECT_THAT(render_command_result(shell_result("", 2), Theme::tagged(), true, 100),
                HasSubstr("{fg=1}exit 2{/}"));
}

TEST(CommandExcerptTest, TheMarkerSaysHowManyLinesAreLeftOut) {
    const std::string out =
        render_command_result(shell_result(numbered(12), 0), Theme::plain(), true, 100);
    EXPECT_EQ(out,
              "  │ check 1 ok\n  │ check 2 ok\n  │ check 3 ok\n  │ check 4 ok\n"
              "  … 4 more lines\n"
              "  │ check 9 ok\n  │ check 10 ok\n  │ check 11 ok\n  │ check 12 ok\n"
              "  exit 0\n");
    EXPECT_THAT(render_command_result(shell_result(numbered(12), 0), Theme::plain(), false, 100),
                HasSubstr("  | check 4 ok\n  ... 4 more lines\n"));
}

TEST(CommandExcerptTest, TimeoutCancelAndCutOutputAreSaid) {
    agent::ToolResult timed_out = shell_result("started\n", 137);
    timed_out.timed_out = true;
    EXPECT_THAT(render_command_result(timed_out, Theme::tagged(), true, 100),
                HasSubstr("{fg=1}timed out{/}"));
    agent::ToolResult cancelled = shell_result("", 130);
    cancelled.cancelled = true;
    EXPECT_THAT(render_command_result(cancelled, Theme::tagged(), true, 100),
                HasSubstr("{fg=1}cancelled{/}"));
    agent::ToolResult cut = shell_result(numbered(12), 0);
    cut.omitted_bytes = 5000;
    EXPECT_THAT(render_command_result(cut, Theme::plain(), true, 100),
                HasSubstr("… 4 more lines (and 5000 bytes cut)"));
}

TEST(CommandExcerptTest, LongLinesAreCutToTheTerminalAndEscapesNeutralised) {
    const std::string out = render_command_result(
        shell_result(std::string(200, 'x') + "\n\x1b[31mred\n", 0), Theme::plain(), true, 40);
    EXPECT_THAT(out, HasSubstr("  │ " + std::string(35, 'x') + "…\n"));
    EXPECT_THAT(out, Not(HasSubstr("\x1b[31m")));
}

TEST(ToolRowsTest, EditsDenialsErrorsAndTheRest) {
    agent::ToolResult edited = agent::ToolResult::success("Success.");
    edited.edits = {{"calc.py", 2, 2}, {"notes.txt", 1, 0}};
    EXPECT_EQ(render_tool_result(edited, Theme::plain(), true, 100),
              "  +2 -2 calc.py\n  +1 -0 notes.txt\n");

    agent::ToolResult denied = agent::ToolResult::denial();
    denied.output = "denied by user: use tmp/";
    EXPECT_EQ(render_tool_result(denied, Theme::tagged(), true, 100),
              "{fg=1}  denied by user: use tmp/{/}\n");

    EXPECT_EQ(render_tool_result(agent::ToolResult::error("read_file: no such file\nmore"),
                                 Theme::tagged(), true, 100),
              "{fg=1}  read_file: no such file{/}\n");
    EXPECT_EQ(render_tool_result(agent::ToolResult::success("12345"), Theme::tagged(), true, 100),
              "{dim}  ok, 5 bytes{/}\n");
    EXPECT_THAT(render_tool_result(shell_result("hi\n", 0), Theme::plain(), true, 100),
                HasSubstr("  │ hi\n  exit 0\n"));
}

}  // namespace
}  // namespace klaude::core::tui
