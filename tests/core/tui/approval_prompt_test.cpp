// What the approval prompt draws (the key handling itself is in approval_pty_test.cpp, on a
// real pseudo-terminal).
#include "core/tui/approval_prompt.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace klaude::core::tui {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ApprovalPromptTest, AnEditShowsItsSummaryBoldAndTheDiffColoured) {
    agent::ApprovalRequest request;
    request.summary = "patch calc.py (+1 -1)";
    request.diff = "--- a/calc.py\n+++ b/calc.py\n@@ -1 +1 @@\n-a\n+b\n";
    EXPECT_EQ(render_approval_request(request, Theme::tagged(), true, 20),
              "{b}patch calc.py (+1 -1){/}\n{b}--- a/calc.py{/}\n{b}+++ b/calc.py{/}\n"
              "{fg=6}@@ -1 +1 @@{/}\n{fg=1}-a{/}\n{fg=2}+b{/}\n");
}

TEST(ApprovalPromptTest, ACommandShowsEachOfItsLines) {
    agent::ApprovalRequest request;
    request.summary = "run: make";
    request.command = "make test\nmake install";
    EXPECT_EQ(render_approval_request(request, Theme::plain(), true, 20),
              "run: make\n  $ make test\n    make install\n");
}

TEST(ApprovalPromptTest, ASummaryThatOnlyRepeatsTheCommandIsLeftOut) {
    agent::ApprovalRequest request;
    request.summary = "run: git status";
    request.command = "git status";
    EXPECT_EQ(render_approval_request(request, Theme::tagged(), true, 20),
              "  $ {b}git status{/}\n");
    request.summary = "run: git status  (in sub)";
    EXPECT_EQ(render_approval_request(request, Theme::tagged(), true, 20),
              "{b}run: git status  (in sub){/}\n  $ {b}git status{/}\n");
}

TEST(ApprovalPromptTest, AnMcpCallShowsItsArguments) {
    agent::ApprovalRequest request;
    request.summary = "mcp: server 'docs', tool 'search'";
    request.arguments = R"({"q":"x"})";
    EXPECT_EQ(render_approval_request(request, Theme::plain(), true, 20),
              "mcp: server 'docs', tool 'search'\n  arguments: {\"q\":\"x\"}\n");
}

TEST(ApprovalPromptTest, TheQuestionOffersTheFourKeysAndNamesTheScope) {
    EXPECT_EQ(render_approval_question("git status …", Theme::plain(), true),
              "Allow?  y yes · a yes, don't ask again for git status … · n no · e no, and say "
              "why ");
    const std::string tagged = render_approval_question("x", Theme::tagged(), false);
    EXPECT_THAT(tagged, StartsWith("{b}Allow?{/}  {b}y{/} yes | {b}a{/} yes"));
    EXPECT_THAT(tagged, HasSubstr(" | {b}e{/} no, and say why"));
}

}  // namespace
}  // namespace klaude::core::tui
