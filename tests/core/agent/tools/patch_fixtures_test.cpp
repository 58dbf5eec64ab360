// Runs apply_patch on every fixture under patches/: copy input/ to a temp dir, apply
// patch.txt, and compare the whole tree with expected/. A fixture with error.txt must fail with
// that text in the output — and then expected/ is the untouched input.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "core/agent/tools/apply_patch_tool.h"
#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(KLAUDE_PATCH_FIXTURES)) {
        if (e.is_directory()) {
            names.push_back(e.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

class PatchFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(PatchFixture, LeavesExactlyTheExpectedTree) {
    fs::path fixture = fs::path(KLAUDE_PATCH_FIXTURES) / GetParam();
    TempDir work;
    if (fs::exists(fixture / "input")) {
        fs::copy(fixture / "input", work.path(), fs::copy_options::recursive);
    }
    auto ctx = ToolContext::in_directory(work.path());
    ctx.approval = ApprovalPolicy::kFullAuto;

    rapidjson::StringBuffer args;
    rapidjson::Writer<rapidjson::StringBuffer> w(args);
    w.StartObject();
    w.Key("input");
    w.String(TempDir::read_file(fixture / "patch.txt").c_str());
    w.EndObject();
    ApplyPatchTool tool;
    ToolResult result = tool.run(args.GetString(), ctx);

    if (fs::exists(fixture / "error.txt")) {
        EXPECT_TRUE(result.is_error) << result.output;
        EXPECT_NE(result.output.find(TempDir::read_file(fixture / "error.txt")), std::string::npos)
            << result.output;
        EXPECT_NE(result.output.find("No file was changed"), std::string::npos) << result.output;
    } else {
        EXPECT_FALSE(result.is_error) << result.output;
        EXPECT_EQ(result.output.rfind("Success.", 0), 0u) << result.output;
    }
    EXPECT_EQ(TempDir::snapshot(work.path()), TempDir::snapshot(fixture / "expected"));
}

std::string fixture_case_name(const ::testing::TestParamInfo<std::string>& param_info) {
    return param_info.param;
}

INSTANTIATE_TEST_SUITE_P(Patches, PatchFixture, ::testing::ValuesIn(fixture_names()),
                         fixture_case_name);

TEST(PatchFixtures, AllAreThere) {
    // Guards against the glob above silently finding nothing.
    EXPECT_GE(fixture_names().size(), 8u);
}

}  // namespace
}  // namespace klaude::core::agent
