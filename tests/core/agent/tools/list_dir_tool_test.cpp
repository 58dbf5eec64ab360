#include "core/agent/tools/list_dir_tool.h"

#include <gtest/gtest.h>

#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using testing::TempDir;

class ListDirToolTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir.write("b.txt", "");
        dir.write("a.txt", "");
        dir.write("src/main.cpp", "");
        dir.write("src/deep/er/x.h", "");
        dir.write(".git/HEAD", "ref");
        ctx = ToolContext::in_directory(dir.path());
    }
    TempDir dir;
    ToolContext ctx;
    ListDirTool tool;
};

TEST_F(ListDirToolTest, SortedTreeWithDirectoriesMarked) {
    auto r = tool.run(R"({"depth":2})", ctx);
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(r.output,
              "./\n"
              "  .git/\n"
              "  a.txt\n"
              "  b.txt\n"
              "  src/\n"
              "    deep/\n"
              "    main.cpp\n");
}

TEST_F(ListDirToolTest, DepthLimitsHowFarItGoes) {
    auto shallow = tool.run(R"({"depth":1})", ctx);
    EXPECT_EQ(shallow.output.find("main.cpp"), std::string::npos);
    auto deep = tool.run(R"({"depth":4})", ctx);
    EXPECT_NE(deep.output.find("        x.h\n"), std::string::npos) << deep.output;
    EXPECT_EQ(deep.output.find("HEAD"), std::string::npos) << ".git must not be entered";
}

TEST_F(ListDirToolTest, SubdirectoryAndSymlinks) {
    std::filesystem::create_symlink("main.cpp", dir.path() / "src" / "link.cpp");
    auto r = tool.run(R"({"path":"src","depth":1})", ctx);
    EXPECT_EQ(r.output, "src/\n  deep/\n  link.cpp@\n  main.cpp\n");
}

TEST_F(ListDirToolTest, EntryCapSaysWhatWasLeftOut) {
    ctx.limits.list_max_entries = 2;
    auto r = tool.run(R"({"depth":3})", ctx);
    EXPECT_NE(r.output.find("more entries not shown"), std::string::npos) << r.output;
}

TEST_F(ListDirToolTest, NotADirectoryIsAnError) {
    auto r = tool.run(R"({"path":"a.txt"})", ctx);
    EXPECT_TRUE(r.is_error);
    EXPECT_NE(r.output.find("use read_file"), std::string::npos);
    EXPECT_TRUE(tool.run(R"({"path":"missing"})", ctx).is_error);
}

}  // namespace
}  // namespace klaude::core::agent
