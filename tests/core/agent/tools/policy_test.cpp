#include "core/agent/tools/policy.h"

#include <gtest/gtest.h>

namespace klaude::core::agent {
namespace {

TEST(ApprovalPolicy, ReadsNeverAsk) {
    for (auto policy :
         {ApprovalPolicy::kAsk, ApprovalPolicy::kAutoEdit, ApprovalPolicy::kFullAuto}) {
        EXPECT_FALSE(needs_approval(policy, ToolKind::kReadOnly)) << to_string(policy);
    }
}

TEST(ApprovalPolicy, AskAsksForEditsAndCommands) {
    EXPECT_TRUE(needs_approval(ApprovalPolicy::kAsk, ToolKind::kEditsFiles));
    EXPECT_TRUE(needs_approval(ApprovalPolicy::kAsk, ToolKind::kRunsCommands));
}

TEST(ApprovalPolicy, AutoEditAsksOnlyForCommands) {
    EXPECT_FALSE(needs_approval(ApprovalPolicy::kAutoEdit, ToolKind::kEditsFiles));
    EXPECT_TRUE(needs_approval(ApprovalPolicy::kAutoEdit, ToolKind::kRunsCommands));
}

TEST(ApprovalPolicy, FullAutoNeverAsks) {
    EXPECT_FALSE(needs_approval(ApprovalPolicy::kFullAuto, ToolKind::kEditsFiles));
    EXPECT_FALSE(needs_approval(ApprovalPolicy::kFullAuto, ToolKind::kRunsCommands));
}

TEST(ApprovalPolicy, ParsesTheCommandLineSpellingsAndRoundTrips) {
    for (auto policy :
         {ApprovalPolicy::kAsk, ApprovalPolicy::kAutoEdit, ApprovalPolicy::kFullAuto}) {
        EXPECT_EQ(parse_approval_policy(to_string(policy)), policy);
    }
    EXPECT_EQ(parse_approval_policy("auto-edit"), ApprovalPolicy::kAutoEdit);
    EXPECT_FALSE(parse_approval_policy("yolo").has_value());
    EXPECT_FALSE(parse_approval_policy("").has_value());
}

TEST(SandboxMode, ParsesAndDefaultsByPolicy) {
    EXPECT_EQ(parse_sandbox_mode("workspace-write"), SandboxMode::kWorkspaceWrite);
    EXPECT_EQ(parse_sandbox_mode("off"), SandboxMode::kOff);
    EXPECT_FALSE(parse_sandbox_mode("read-only").has_value());
    EXPECT_EQ(to_string(SandboxMode::kWorkspaceWrite), "workspace-write");
    EXPECT_EQ(default_sandbox_for(ApprovalPolicy::kAsk), SandboxMode::kOff);
    EXPECT_EQ(default_sandbox_for(ApprovalPolicy::kAutoEdit), SandboxMode::kWorkspaceWrite);
    EXPECT_EQ(default_sandbox_for(ApprovalPolicy::kFullAuto), SandboxMode::kWorkspaceWrite);
}

}  // namespace
}  // namespace klaude::core::agent
