#include <gtest/gtest.h>

#include "core/agent/tools/glob_tool.h"
#include "core/agent/tools/grep_tool.h"
#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using testing::TempDir;

class SearchToolsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir.write("src/main.cpp", "int main() {\n    return run();\n}\n");
        dir.write("src/run.cpp", "int run() { return 0; }\n// TODO: more\n");
        dir.write("src/util/str.h", "// todo lowercase\n");
        dir.write("README.md", "Run it.\n");
        dir.write("data.bin", std::string("run\0run\0", 8));
        dir.write(".git/config", "run = yes\n");
        ctx = ToolContext::in_directory(dir.path());
    }
    TempDir dir;
    ToolContext ctx;
    GrepTool grep;
    GlobTool glob;
};

TEST_F(SearchToolsTest, GrepFindsLinesWithPathAndNumber) {
    auto r = grep.run(R"({"pattern":"run\\("})", ctx);
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(r.output,
              "src/main.cpp:2:     return run();\nsrc/run.cpp:1: int run() { return 0; }\n");
}

TEST_F(SearchToolsTest, GrepSkipsBinaryFilesAndGit) {
    auto r = grep.run(R"({"pattern":"run"})", ctx);
    EXPECT_EQ(r.output.find("data.bin"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find(".git"), std::string::npos) << r.output;
}

TEST_F(SearchToolsTest, GrepCaseInsensitiveAndInclude) {
    auto r = grep.run(R"({"pattern":"todo","case_insensitive":true,"include":"*.h"})", ctx);
    EXPECT_EQ(r.output, "src/util/str.h:1: // todo lowercase\n");
    auto by_path =
        grep.run(R"({"pattern":"todo","case_insensitive":true,"include":"src/*.cpp"})", ctx);
    EXPECT_EQ(by_path.output, "src/run.cpp:2: // TODO: more\n");
}

TEST_F(SearchToolsTest, GrepInASingleFile) {
    auto r = grep.run(R"({"pattern":"return","path":"src/run.cpp"})", ctx);
    EXPECT_EQ(r.output, "src/run.cpp:1: int run() { return 0; }\n");
}

TEST_F(SearchToolsTest, GrepCapsResults) {
    std::string many;
    for (int i = 0; i < 50; ++i)
        many += "hit\n";
    dir.write("many.txt", many);
    ctx.limits.search_max_results = 10;
    auto r = grep.run(R"({"pattern":"hit"})", ctx);
    EXPECT_NE(r.output.find("stopped after 10 matches"), std::string::npos) << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 11);
}

TEST_F(SearchToolsTest, GrepNoMatchAndBadRegex) {
    auto none = grep.run(R"({"pattern":"zebra"})", ctx);
    EXPECT_FALSE(none.is_error);
    EXPECT_NE(none.output.find("No matches"), std::string::npos);
    auto bad = grep.run(R"({"pattern":"(unclosed"})", ctx);
    EXPECT_TRUE(bad.is_error);
    EXPECT_NE(bad.output.find("invalid regular expression"), std::string::npos);
}

TEST_F(SearchToolsTest, GlobRecursivePattern) {
    auto r = glob.run(R"({"pattern":"**/*.cpp"})", ctx);
    ASSERT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(r.output, "src/main.cpp\nsrc/run.cpp\n");
}

TEST_F(SearchToolsTest, GlobTopLevelDirectoriesAndBase) {
    EXPECT_EQ(glob.run(R"({"pattern":"*.md"})", ctx).output, "README.md\n");
    EXPECT_EQ(glob.run(R"({"pattern":"*"})", ctx).output, "README.md\ndata.bin\nsrc/\n");
    EXPECT_EQ(glob.run(R"({"pattern":"**/*.h","path":"src"})", ctx).output, "util/str.h\n");
}

TEST_F(SearchToolsTest, GlobNoMatch) {
    auto r = glob.run(R"({"pattern":"**/*.rs"})", ctx);
    EXPECT_FALSE(r.is_error);
    EXPECT_NE(r.output.find("No paths match"), std::string::npos);
}

}  // namespace
}  // namespace klaude::core::agent
