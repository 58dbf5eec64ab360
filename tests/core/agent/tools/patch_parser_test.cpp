#include "core/agent/tools/patch_parser.h"

#include <gtest/gtest.h>

namespace klaude::core::agent {
namespace {

TEST(PatchParser, ParsesEveryOperation) {
    std::string error;
    auto patch = parse_patch(
        "*** Begin Patch\n"
        "*** Add File: path/add.py\n"
        "+abc\n"
        "+def\n"
        "*** Delete File: path/delete.py\n"
        "*** Update File: path/update.py\n"
        "*** Move to: path/update2.py\n"
        "@@ def f():\n"
        "-    pass\n"
        "+    return 123\n"
        "*** End Patch\n",
        &error);
    ASSERT_TRUE(patch) << error;
    ASSERT_EQ(patch->ops.size(), 3u);
    EXPECT_EQ(patch->ops[0].type, PatchOpType::kAdd);
    EXPECT_EQ(patch->ops[0].path, "path/add.py");
    EXPECT_EQ(patch->ops[0].add_content, "abc\ndef\n");
    EXPECT_EQ(patch->ops[1].type, PatchOpType::kDelete);
    EXPECT_EQ(patch->ops[1].line, 5u);
    const auto& update = patch->ops[2];
    EXPECT_EQ(update.type, PatchOpType::kUpdate);
    EXPECT_EQ(update.move_to, "path/update2.py");
    ASSERT_EQ(update.hunks.size(), 1u);
    EXPECT_EQ(update.hunks[0].contexts, std::vector<std::string>{"def f():"});
    EXPECT_EQ(update.hunks[0].old_lines, std::vector<std::string>{"    pass"});
    EXPECT_EQ(update.hunks[0].new_lines, std::vector<std::string>{"    return 123"});
}

TEST(PatchParser, SeveralHunksNestedContextsAndEndOfFile) {
    std::string error;
    auto patch = parse_patch(
        "*** Begin Patch\n"
        "*** Update File: a.py\n"
        "@@ class A\n"
        "@@     def m(self):\n"
        " x = 1\n"
        "-y = 2\n"
        "+y = 3\n"
        "\n"
        "@@\n"
        " last\n"
        "+appended\n"
        "*** End of File\n"
        "*** End Patch",
        &error);
    ASSERT_TRUE(patch) << error;
    const auto& hunks = patch->ops[0].hunks;
    ASSERT_EQ(hunks.size(), 2u);
    EXPECT_EQ(hunks[0].contexts, (std::vector<std::string>{"class A", "    def m(self):"}));
    EXPECT_EQ(hunks[0].old_lines, (std::vector<std::string>{"x = 1", "y = 2", ""}));
    EXPECT_FALSE(hunks[0].end_of_file);
    EXPECT_TRUE(hunks[1].contexts.empty());
    EXPECT_EQ(hunks[1].new_lines, (std::vector<std::string>{"last", "appended"}));
    EXPECT_TRUE(hunks[1].end_of_file);
}

TEST(PatchParser, FirstHunkMayOmitTheMarker) {
    std::string error;
    auto patch = parse_patch(
        "*** Begin Patch\n*** Update File: f\n import foo\n+bar\n*** End Patch", &error);
    ASSERT_TRUE(patch) << error;
    EXPECT_EQ(patch->ops[0].hunks[0].new_lines, (std::vector<std::string>{"import foo", "bar"}));
}

TEST(PatchParser, ToleratesPaddingCrlfAndAHeredocWrapper) {
    std::string error;
    auto patch = parse_patch(
        "<<'EOF'\r\n  *** Begin Patch  \r\n*** Add File: x\r\n+1\r\n *** End Patch\r\nEOF\r\n",
        &error);
    ASSERT_TRUE(patch) << error;
    EXPECT_EQ(patch->ops[0].add_content, "1\n");
}

TEST(PatchParser, AcceptsAPureRename) {
    std::string error;
    auto patch =
        parse_patch("*** Begin Patch\n*** Update File: a\n*** Move to: b\n*** End Patch", &error);
    ASSERT_TRUE(patch) << error;
    EXPECT_EQ(patch->ops[0].move_to, "b");
    EXPECT_TRUE(patch->ops[0].hunks.empty());
}

struct BadPatch {
    const char* text;
    const char* message;
};

class PatchParserRejects : public ::testing::TestWithParam<BadPatch> {};

TEST_P(PatchParserRejects, WithALineSayingWhatIsWrong) {
    std::string error;
    EXPECT_FALSE(parse_patch(GetParam().text, &error));
    EXPECT_NE(error.find(GetParam().message), std::string::npos) << error;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PatchParserRejects,
    ::testing::Values(
        BadPatch{"bad", "first line of the patch must be '*** Begin Patch'"},
        BadPatch{"*** Begin Patch\n*** Add File: a\n+x\n",
                 "last line of the patch must be '*** End Patch'"},
        BadPatch{"*** Begin Patch\n*** End Patch", "no file operations"},
        BadPatch{"*** Begin Patch\n*** Update File: t.py\n*** End Patch", "has no hunks"},
        BadPatch{"*** Begin Patch\n*** Frobnicate File: x\n*** End Patch",
                 "patch line 2: expected '*** Add File: <path>'"},
        BadPatch{"*** Begin Patch\n*** Update File: f\n@@\nbogus\n*** End Patch",
                 "patch line 4: unexpected line in a hunk"},
        BadPatch{"*** Begin Patch\n*** Update File: f\n@@\n-a\nbogus\n*** End Patch",
                 "expected '@@' to start the next hunk"},
        BadPatch{"*** Begin Patch\n*** Update File: f\n@@ ctx\n*** End Patch", "has no lines"},
        BadPatch{"*** Begin Patch\n*** Delete File: \n*** End Patch", "needs a path"}));

}  // namespace
}  // namespace klaude::core::agent
