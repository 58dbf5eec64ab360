#include "core/agent/tools/apply_patch_tool.h"

#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/agent/tools/patch_applier.h"
#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using testing::TempDir;

std::string args_for(const std::string& patch) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("input");
    w.String(patch.c_str());
    w.EndObject();
    return buffer.GetString();
}

class ApplyPatchToolTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ctx = ToolContext::in_directory(dir.path());
        ctx.approval = ApprovalPolicy::kFullAuto;
    }
    ToolResult apply(const std::string& patch) { return tool.run(args_for(patch), ctx); }
    TempDir dir;
    ToolContext ctx;
    ApplyPatchTool tool;
};

TEST_F(ApplyPatchToolTest, ReportsChangedFilesWithLetters) {
    dir.write("m.txt", "a\nb\n");
    dir.write("d.txt", "gone\n");
    auto r = apply(
        "*** Begin Patch\n*** Add File: n.txt\n+new\n*** Update File: m.txt\n@@\n a\n-b\n+B\n"
        "*** Delete File: d.txt\n*** End Patch");
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(r.output, "Success. Updated the following files:\nA n.txt\nM m.txt\nD d.txt\n");
}

TEST_F(ApplyPatchToolTest, KeepsCrlfLineEndings) {
    dir.write("win.txt", "one\r\ntwo\r\nthree\r\n");
    auto r =
        apply("*** Begin Patch\n*** Update File: win.txt\n@@\n one\n-two\n+TWO\n*** End Patch");
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(dir.read("win.txt"), "one\r\nTWO\r\nthree\r\n");
}

TEST_F(ApplyPatchToolTest, AddsAFinalNewline) {
    dir.write("f.txt", "x\ny");
    auto r = apply("*** Begin Patch\n*** Update File: f.txt\n@@\n-x\n+X\n*** End Patch");
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(dir.read("f.txt"), "X\ny\n");
}

TEST_F(ApplyPatchToolTest, MatchesDespiteWhitespaceAndTypographicPunctuation) {
    dir.write("f.py", "def f():   \n    return \u201Chi\u201D \u2014 ok\n");
    auto r = apply(
        "*** Begin Patch\n*** Update File: f.py\n@@\n def f():\n-    return \"hi\" - ok\n"
        "+    return 'bye'\n*** End Patch");
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(dir.read("f.py"), "def f():   \n    return 'bye'\n");
}

TEST_F(ApplyPatchToolTest, ContextMarkerPicksTheRightOccurrence) {
    dir.write("f.py",
              "class A:\n    def m(self):\n        return 1\n"
              "class B:\n    def m(self):\n        return 1\n");
    auto r = apply(
        "*** Begin Patch\n*** Update File: f.py\n@@ class B:\n@@     def m(self):\n"
        "-        return 1\n+        return 2\n*** End Patch");
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(dir.read("f.py"),
              "class A:\n    def m(self):\n        return 1\n"
              "class B:\n    def m(self):\n        return 2\n");
}

TEST_F(ApplyPatchToolTest, EndOfFileHunkMatchesTheLastOccurrence) {
    dir.write("f.txt", "end\nmiddle\nend\n");
    auto r = apply(
        "*** Begin Patch\n*** Update File: f.txt\n@@\n-end\n+END\n*** End of File\n*** End Patch");
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(dir.read("f.txt"), "end\nmiddle\nEND\n");
}

TEST_F(ApplyPatchToolTest, PureAdditionAppendsOrFollowsItsContext) {
    dir.write("f.txt", "a\nb\n");
    ASSERT_FALSE(apply("*** Begin Patch\n*** Update File: f.txt\n@@\n+c\n*** End Patch").is_error);
    EXPECT_EQ(dir.read("f.txt"), "a\nb\nc\n");
    ASSERT_FALSE(
        apply("*** Begin Patch\n*** Update File: f.txt\n@@ a\n+a2\n*** End Patch").is_error);
    EXPECT_EQ(dir.read("f.txt"), "a\na2\nb\nc\n");
}

TEST_F(ApplyPatchToolTest, LaterOperationsSeeEarlierOnes) {
    auto r = apply(
        "*** Begin Patch\n*** Add File: f.txt\n+one\n*** Update File: f.txt\n@@\n-one\n+two\n"
        "*** End Patch");
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(dir.read("f.txt"), "two\n");
}

TEST_F(ApplyPatchToolTest, RefusesToUpdateOrDeleteWhatIsMissing) {
    auto update = apply("*** Begin Patch\n*** Update File: no.txt\n@@\n-a\n+b\n*** End Patch");
    EXPECT_TRUE(update.is_error);
    EXPECT_NE(update.output.find("no such file"), std::string::npos) << update.output;
    auto del = apply("*** Begin Patch\n*** Delete File: no.txt\n*** End Patch");
    EXPECT_TRUE(del.is_error);
    EXPECT_NE(del.output.find("No file was changed"), std::string::npos) << del.output;
}

TEST_F(ApplyPatchToolTest, RefusesBinaryFilesAndDirectories) {
    dir.write("b.bin", std::string("\0\1\2", 3));
    std::filesystem::create_directory(dir.path() / "d");
    EXPECT_TRUE(
        apply("*** Begin Patch\n*** Update File: b.bin\n@@\n-x\n+y\n*** End Patch").is_error);
    auto del = apply("*** Begin Patch\n*** Delete File: d\n*** End Patch");
    EXPECT_TRUE(del.is_error);
    EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "d"));
}

TEST_F(ApplyPatchToolTest, InvalidPatchTextIsAnErrorThatSaysSo) {
    auto r = apply("*** Begin Patch\n*** Add File: x\n+1\n");
    EXPECT_TRUE(r.is_error);
    EXPECT_NE(r.output.find("invalid patch"), std::string::npos);
    EXPECT_FALSE(dir.exists("x"));
}

TEST_F(ApplyPatchToolTest, AFailedWriteLeavesNothingBehind) {
    // A read-only directory makes the second file's temp write fail after the first succeeded.
    if (::geteuid() == 0) {
        GTEST_SKIP() << "root ignores directory permissions";
    }
    dir.write("ok/a.txt", "a\n");
    dir.write("locked/b.txt", "b\n");
    std::filesystem::permissions(dir.path() / "locked", std::filesystem::perms::owner_read |
                                                            std::filesystem::perms::owner_exec);
    auto r = apply(
        "*** Begin Patch\n*** Update File: ok/a.txt\n@@\n-a\n+A\n*** Update File: locked/b.txt\n"
        "@@\n-b\n+B\n*** End Patch");
    std::filesystem::permissions(dir.path() / "locked", std::filesystem::perms::owner_all);
    EXPECT_TRUE(r.is_error);
    EXPECT_NE(r.output.find("no file was changed"), std::string::npos) << r.output;
    EXPECT_EQ(dir.read("ok/a.txt"), "a\n");
    EXPECT_EQ(TempDir::snapshot(dir.path()).size(), 2u) << "temp file left behind";
}

TEST_F(ApplyPatchToolTest, AFailureWhileWritingRollsBackCreatedDirectories) {
    // "blocker" is a file, so "blocker/x.txt" cannot be created; this is only found when
    // writing, after the first file's new content and directory were already prepared.
    dir.write("a.txt", "a\n");
    dir.write("blocker", "file\n");
    auto r = apply(
        "*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+A\n*** Add File: fresh/dir/n.txt\n+n\n"
        "*** Add File: blocker/x.txt\n+x\n*** End Patch");
    EXPECT_TRUE(r.is_error);
    EXPECT_NE(r.output.find("no file was changed"), std::string::npos) << r.output;
    EXPECT_EQ(dir.read("a.txt"), "a\n");
    EXPECT_FALSE(dir.exists("fresh")) << "created directory left behind";
    EXPECT_EQ(TempDir::snapshot(dir.path()).size(), 2u) << "temp file left behind";
}

TEST(ApplyHunks, ReportsWhichHunkFailed) {
    std::string error;
    std::vector<PatchHunk> hunks(2);
    hunks[0].old_lines = {"a"};
    hunks[0].new_lines = {"A"};
    hunks[1].old_lines = {"zzz"};
    auto out = apply_hunks("a\nb\n", hunks, "f.txt", &error);
    EXPECT_FALSE(out);
    EXPECT_NE(error.find("hunk 2 of f.txt does not match"), std::string::npos) << error;
    EXPECT_NE(error.find("    zzz"), std::string::npos) << error;
}

}  // namespace
}  // namespace klaude::core::agent
