// The shell sandbox. Where the kernel offers Landlock (this needs Linux >= 5.13 with Landlock
// among the active LSMs) the enforcing tests check that a sandboxed command cannot write
// outside the workspace and temp dir; elsewhere they are skipped, saying why, and the fallback
// tests (forced with KLAUDE_DISABLE_LANDLOCK=1) check what happens without Landlock.
#include "core/agent/tools/landlock_sandbox.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "core/agent/tools/shell_tool.h"
#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using testing::TempDir;

class ScopedLandlockDisabled {
  public:
    ScopedLandlockDisabled() { ::setenv("KLAUDE_DISABLE_LANDLOCK", "1", 1); }
    ~ScopedLandlockDisabled() { ::unsetenv("KLAUDE_DISABLE_LANDLOCK"); }
};

class SandboxTest : public ::testing::Test {
  protected:
    void SetUp() override {
        outside.write("existing.txt", "readable\n");
        ctx = ToolContext::in_directory(work.path());
        ctx.approval = ApprovalPolicy::kFullAuto;
        ctx.sandbox = SandboxMode::kWorkspaceWrite;
        // Our scratch dirs live in /tmp; give the sandbox its own temp dir so "outside" really
        // is outside every writable root.
        ctx.temp_dir = scratch.path();
    }
    ToolResult shell(const std::string& command) {
        return tool.run("{\"command\":\"" + command + "\"}", ctx);
    }
    std::string out_path(const std::string& name) { return (outside.path() / name).string(); }

    TempDir work;
    TempDir outside;
    TempDir scratch;
    ToolContext ctx;
    ShellTool tool;
};

TEST_F(SandboxTest, DisabledByEnvironmentMeansUnavailable) {
    ScopedLandlockDisabled off;
    EXPECT_EQ(landlock_abi_version(), 0);
    EXPECT_FALSE(landlock_available());
    std::string error;
    EXPECT_FALSE(LandlockRuleset::create({work.path()}, &error));
    EXPECT_NE(error.find("no Landlock"), std::string::npos) << error;
}

TEST_F(SandboxTest, DescriptionsSayPlainlyWhatIsInForce) {
    std::string off = sandbox_description(SandboxMode::kOff, work.path(), scratch.path());
    EXPECT_NE(off.find("sandbox off"), std::string::npos) << off;
    EXPECT_NE(off.find("can write anywhere"), std::string::npos) << off;
    {
        ScopedLandlockDisabled disabled;
        std::string unavailable =
            sandbox_description(SandboxMode::kWorkspaceWrite, work.path(), scratch.path());
        EXPECT_NE(unavailable.find("sandbox unavailable"), std::string::npos) << unavailable;
        EXPECT_NE(unavailable.find("can write anywhere"), std::string::npos) << unavailable;
    }
    if (landlock_available()) {
        std::string on =
            sandbox_description(SandboxMode::kWorkspaceWrite, work.path(), scratch.path());
        EXPECT_NE(on.find("Landlock v"), std::string::npos) << on;
        EXPECT_NE(on.find("write only under " + work.path().string()), std::string::npos) << on;
    }
}

TEST_F(SandboxTest, WithoutLandlockWorkspaceWriteFallsBackToUnconfined) {
    ScopedLandlockDisabled off;
    auto r = shell("echo y > " + out_path("fallback.txt"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(outside.exists("fallback.txt"));
}

TEST_F(SandboxTest, SandboxOffWritesAnywhere) {
    ctx.sandbox = SandboxMode::kOff;
    auto r = shell("echo y > " + out_path("off.txt"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(outside.exists("off.txt"));
}

TEST_F(SandboxTest, EnforcedWritesOnlyInsideWorkspaceAndTemp) {
    if (!landlock_available()) {
        GTEST_SKIP() << "this kernel offers no Landlock; only the fallback is testable here";
    }
    auto r = shell("echo in > inside.txt && mkdir -p sub && echo t > " +
                   (scratch.path() / "tmp.txt").string() + " && echo n > /dev/null && echo ok");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(work.read("inside.txt"), "in\n");
    EXPECT_TRUE(scratch.exists("tmp.txt"));

    auto denied = shell("echo out > " + out_path("escaped.txt"));
    EXPECT_NE(denied.exit_code, 0) << denied.output;
    EXPECT_NE(denied.output.find("Permission denied"), std::string::npos) << denied.output;
    EXPECT_FALSE(outside.exists("escaped.txt"));

    auto remove = shell("rm -f " + out_path("existing.txt"));
    EXPECT_NE(remove.exit_code, 0) << remove.output;
    EXPECT_TRUE(outside.exists("existing.txt"));
}

TEST_F(SandboxTest, EnforcedStillReadsEverywhere) {
    if (!landlock_available()) {
        GTEST_SKIP() << "this kernel offers no Landlock; only the fallback is testable here";
    }
    auto r = shell("cat " + out_path("existing.txt"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("readable"), std::string::npos);
}

TEST_F(SandboxTest, EnforcedRuleBindsChildrenOfChildren) {
    if (!landlock_available()) {
        GTEST_SKIP() << "this kernel offers no Landlock; only the fallback is testable here";
    }
    auto r = shell("bash -c 'sh -c \\\"echo x > " + out_path("nested.txt") + "\\\"'");
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_FALSE(outside.exists("nested.txt"));
}

}  // namespace
}  // namespace klaude::core::agent
