// The change journal behind /diff: the first content seen before a write is the "before", the
// disk now is the "after", and the edit tools note every file they write.
#include "core/agent/tools/change_journal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/agent/tools/default_tools.h"
#include "core/agent/tools/tool_registry.h"
#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::TempDir;

TEST(ChangeJournalTest, KeepsTheFirstContentSeenAndDiffsWithTheDiskNow) {
    TempDir dir;
    const auto path = dir.write("a.txt", "one\ntwo\n");
    ChangeJournal journal;
    EXPECT_TRUE(journal.empty());
    journal.before_write(path);
    dir.write("a.txt", "one\nTWO\n");
    journal.before_write(path);  // a second write: the original stays the "before"
    dir.write("a.txt", "one\nTWO\nthree\n");

    const auto changes = journal.changes(dir.path());
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].path, "a.txt");
    EXPECT_EQ(changes[0].added, 2u);
    EXPECT_EQ(changes[0].removed, 1u);
    EXPECT_THAT(changes[0].diff, HasSubstr("--- a/a.txt\n+++ b/a.txt\n"));
    EXPECT_THAT(changes[0].diff, HasSubstr("-two\n+TWO\n+three\n"));
}

TEST(ChangeJournalTest, CreatedAndDeletedFilesDiffAgainstDevNull) {
    TempDir dir;
    const auto created = dir.path() / "new.txt";
    const auto doomed = dir.write("old.txt", "bye\n");
    ChangeJournal journal;
    journal.before_write(created);
    journal.before_write(doomed);
    dir.write("new.txt", "hello\n");
    std::filesystem::remove(doomed);

    const auto changes = journal.changes(dir.path());
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_THAT(changes[0].diff, HasSubstr("--- /dev/null\n+++ b/new.txt\n"));
    EXPECT_THAT(changes[0].diff, HasSubstr("+hello\n"));
    EXPECT_THAT(changes[1].diff, HasSubstr("--- a/old.txt\n+++ /dev/null\n"));
    EXPECT_THAT(changes[1].diff, HasSubstr("-bye\n"));
}

TEST(ChangeJournalTest, AFileChangedBackIsNotAChange) {
    TempDir dir;
    const auto path = dir.write("a.txt", "same\n");
    ChangeJournal journal;
    journal.before_write(path);
    dir.write("a.txt", "different\n");
    dir.write("a.txt", "same\n");
    EXPECT_TRUE(journal.changes(dir.path()).empty());
    EXPECT_FALSE(journal.empty());  // it was noted all the same
}

TEST(ChangeJournalTest, AnEmptyFileCreatedStillShowsItsHeader) {
    TempDir dir;
    ChangeJournal journal;
    journal.before_write(dir.path() / "empty.txt");
    dir.write("empty.txt", "");
    const auto changes = journal.changes(dir.path());
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].diff, "--- /dev/null\n+++ b/empty.txt\n");
}

TEST(ChangeJournalTest, TheEditToolsNoteWhatTheyWriteAndReportTheirEdits) {
    TempDir dir;
    dir.write("calc.py", "def add(a, b):\n    return a - b\n");
    ToolRegistry tools;
    add_default_tools(tools);
    ChangeJournal journal;
    ToolContext ctx = ToolContext::in_directory(dir.path());
    ctx.approval = ApprovalPolicy::kFullAuto;
    ctx.journal = &journal;

    ToolResult patched = tools.dispatch(
        "apply_patch",
        R"({"input":"*** Begin Patch\n*** Update File: calc.py\n@@ def add(a, b):\n-    return a - b\n+    return a + b\n*** End Patch\n"})",
        ctx);
    ASSERT_FALSE(patched.is_error) << patched.output;
    ASSERT_EQ(patched.edits.size(), 1u);
    EXPECT_EQ(patched.edits[0].path, "calc.py");
    EXPECT_EQ(patched.edits[0].added, 1u);
    EXPECT_EQ(patched.edits[0].removed, 1u);

    ToolResult written =
        tools.dispatch("write_file", R"({"path":"notes/n.txt","content":"a\nb\n"})", ctx);
    ASSERT_FALSE(written.is_error) << written.output;
    ASSERT_EQ(written.edits.size(), 1u);
    EXPECT_EQ(written.edits[0].path, "notes/n.txt");
    EXPECT_EQ(written.edits[0].added, 2u);

    const auto changes = journal.changes(dir.path());
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].path, "calc.py");
    EXPECT_THAT(changes[0].diff, HasSubstr("-    return a - b\n+    return a + b\n"));
    EXPECT_EQ(changes[1].path, "notes/n.txt");
    EXPECT_THAT(changes[1].diff, HasSubstr("--- /dev/null"));
}

TEST(ChangeJournalTest, ShellCommandsAreNotNoted) {
    TempDir dir;
    ToolRegistry tools;
    add_default_tools(tools);
    ChangeJournal journal;
    ToolContext ctx = ToolContext::in_directory(dir.path());
    ctx.approval = ApprovalPolicy::kFullAuto;
    ctx.journal = &journal;
    ToolResult ran = tools.dispatch("shell", R"({"command":"echo hi > made.txt; echo done"})", ctx);
    ASSERT_FALSE(ran.is_error) << ran.output;
    EXPECT_TRUE(journal.empty());
    EXPECT_EQ(ran.command_output, "done\n");  // the output alone, for the screen
    EXPECT_THAT(ran.output, HasSubstr("Exit code: 0"));
    EXPECT_THAT(ran.command_output, Not(HasSubstr("Exit code")));
}

}  // namespace
}  // namespace klaude::core::agent
