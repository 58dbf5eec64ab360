#include "core/agent/tools/write_file_tool.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using testing::TempDir;

class WriteFileToolTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ctx = ToolContext::in_directory(dir.path());
        ctx.approval = ApprovalPolicy::kFullAuto;
    }
    TempDir dir;
    ToolContext ctx;
    WriteFileTool tool;
};

TEST_F(WriteFileToolTest, CreatesFileAndParentDirectories) {
    auto r = tool.run(R"({"path":"a/b/c.txt","content":"hello\n"})", ctx);
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(dir.read("a/b/c.txt"), "hello\n");
    EXPECT_NE(r.output.find("Created a/b/c.txt"), std::string::npos) << r.output;
}

TEST_F(WriteFileToolTest, ReplacesContentAndKeepsPermissions) {
    auto p = dir.write("run.sh", "echo old\n");
    ::chmod(p.c_str(), 0750);
    auto r = tool.run(R"({"path":"run.sh","content":"echo new\n"})", ctx);
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(dir.read("run.sh"), "echo new\n");
    struct stat st {};
    ::stat(p.c_str(), &st);
    EXPECT_EQ(st.st_mode & 0777, 0750u);
    EXPECT_NE(r.output.find("+1 -1"), std::string::npos) << r.output;
}

TEST_F(WriteFileToolTest, LeavesNoTemporaryFilesBehind) {
    tool.run(R"({"path":"x.txt","content":"1"})", ctx);
    tool.run(R"({"path":"x.txt","content":"2"})", ctx);
    EXPECT_EQ(TempDir::snapshot(dir.path()).size(), 1u);
}

TEST_F(WriteFileToolTest, RefusesADirectory) {
    std::filesystem::create_directory(dir.path() / "d");
    auto r = tool.run(R"({"path":"d","content":"x"})", ctx);
    EXPECT_TRUE(r.is_error);
    EXPECT_NE(r.output.find("not a regular file"), std::string::npos);
}

TEST_F(WriteFileToolTest, RefusesAFileWhereADirectoryIsNeeded) {
    dir.write("f", "x");
    auto r = tool.run(R"({"path":"f/inner.txt","content":"x"})", ctx);
    EXPECT_TRUE(r.is_error);
    EXPECT_EQ(dir.read("f"), "x");
}

}  // namespace
}  // namespace klaude::core::agent
