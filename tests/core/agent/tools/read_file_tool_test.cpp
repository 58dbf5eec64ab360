#include "core/agent/tools/read_file_tool.h"

#include <gtest/gtest.h>

#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using testing::TempDir;

class ReadFileToolTest : public ::testing::Test {
  protected:
    void SetUp() override { ctx = ToolContext::in_directory(dir.path()); }
    ToolResult read(const std::string& args) { return tool.run(args, ctx); }
    std::string numbered_lines(int n) {
        std::string s;
        for (int i = 1; i <= n; ++i) {
            s += "line " + std::to_string(i) + "\n";
        }
        return s;
    }
    TempDir dir;
    ToolContext ctx;
    ReadFileTool tool;
};

TEST_F(ReadFileToolTest, ShowsNumberedLines) {
    dir.write("a.txt", "alpha\nbeta\n");
    auto r = read(R"({"path":"a.txt"})");
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(r.output, "     1\talpha\n     2\tbeta\n");
}

TEST_F(ReadFileToolTest, OffsetAndLimitSelectARange) {
    dir.write("a.txt", numbered_lines(10));
    auto r = read(R"({"path":"a.txt","offset":4,"limit":3})");
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_NE(r.output.find("     4\tline 4\n     5\tline 5\n     6\tline 6\n"), std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find("line 7\n"), std::string::npos);
    EXPECT_NE(r.output.find("use offset 7 to continue"), std::string::npos) << r.output;
}

TEST_F(ReadFileToolTest, DefaultLineLimitApplies) {
    ctx.limits.read_default_lines = 5;
    dir.write("a.txt", numbered_lines(8));
    auto r = read(R"({"path":"a.txt"})");
    EXPECT_NE(r.output.find("line 5\n"), std::string::npos);
    EXPECT_EQ(r.output.find("line 6\n"), std::string::npos);
    EXPECT_NE(r.output.find("showing lines 1-5"), std::string::npos) << r.output;
}

TEST_F(ReadFileToolTest, SizeCapStopsEarlyAndSaysWhereToContinue) {
    ctx.limits.read_output_bytes = 100;
    dir.write("a.txt", numbered_lines(100));
    auto r = read(R"({"path":"a.txt"})");
    ASSERT_FALSE(r.is_error);
    EXPECT_LT(r.output.size(), 250u);
    EXPECT_NE(r.output.find("output size cap"), std::string::npos) << r.output;
}

TEST_F(ReadFileToolTest, OffsetPastTheEndIsAnError) {
    dir.write("a.txt", numbered_lines(3));
    auto r = read(R"({"path":"a.txt","offset":9})");
    EXPECT_TRUE(r.is_error);
    EXPECT_NE(r.output.find("has 3 lines"), std::string::npos) << r.output;
}

TEST_F(ReadFileToolTest, BinaryFileGetsAClearMessage) {
    dir.write("blob.bin", std::string("\x7f"
                                      "ELF\0\0\x01\x02",
                                      8));
    auto r = read(R"({"path":"blob.bin"})");
    EXPECT_TRUE(r.is_error);
    EXPECT_NE(r.output.find("binary file (8 bytes)"), std::string::npos) << r.output;
}

TEST_F(ReadFileToolTest, MissingFileAndDirectoryAreErrors) {
    EXPECT_NE(read(R"({"path":"nope.txt"})").output.find("no such file"), std::string::npos);
    std::filesystem::create_directory(dir.path() / "sub");
    EXPECT_NE(read(R"({"path":"sub"})").output.find("use list_dir"), std::string::npos);
}

TEST_F(ReadFileToolTest, EmptyFileSaysSo) {
    dir.write("empty.txt", "");
    auto r = read(R"({"path":"empty.txt"})");
    EXPECT_FALSE(r.is_error);
    EXPECT_NE(r.output.find("is empty"), std::string::npos);
}

TEST_F(ReadFileToolTest, LongLinesAreCut) {
    ctx.limits.max_line_chars = 10;
    dir.write("min.js", std::string(50, 'x') + "\n");
    auto r = read(R"({"path":"min.js"})");
    EXPECT_NE(r.output.find("xxxxxxxxxx […line cut, 40 more bytes]"), std::string::npos)
        << r.output;
}

TEST_F(ReadFileToolTest, ReadsOutsideTheWorkspaceAreAllowed) {
    TempDir other;
    other.write("o.txt", "outside\n");
    auto r = read("{\"path\":\"" + (other.path() / "o.txt").string() + "\"}");
    EXPECT_FALSE(r.is_error) << r.output;
    EXPECT_NE(r.output.find("outside"), std::string::npos);
}

}  // namespace
}  // namespace klaude::core::agent
