// A no with a reason ("e" in the interactive session): whatever the tool, the model gets
// "denied by user: <reason>" as the result, and nothing runs. Approvers that only answer yes or
// no (exec's, the old tests') keep working through Approver::decide's default.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/agent/tools/default_tools.h"
#include "core/agent/tools/tool_registry.h"
#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using testing::TempDir;

class ExplainingApprover : public Approver {
  public:
    explicit ExplainingApprover(std::string reason) : reason_(std::move(reason)) {}
    bool approve(const ApprovalRequest&) override { return false; }
    ApprovalDecision decide(const ApprovalRequest& request) override {
        seen.push_back(request);
        return {false, reason_};
    }
    std::vector<ApprovalRequest> seen;

  private:
    std::string reason_;
};

class PlainNo : public Approver {
  public:
    bool approve(const ApprovalRequest&) override { return false; }
};

// Like an MCP tool: arguments by a schema of its own (run overridden), asking through approved.
class OwnRunTool : public Tool {
  public:
    std::string name() const override { return "mcp__docs__delete"; }
    std::string description() const override { return "deletes docs"; }
    std::vector<ParamSpec> parameters() const override { return {}; }
    ToolKind kind() const override { return ToolKind::kRunsCommands; }
    ToolResult run(std::string_view arguments_json, ToolContext& ctx) override {
        ApprovalRequest request;
        request.summary = "mcp: server 'docs', tool 'delete'";
        request.arguments = std::string(arguments_json);
        if (!approved(ctx, request)) {
            return ToolResult::denial();
        }
        return ToolResult::success("deleted");
    }

  protected:
    ToolResult execute(const ToolArgs&, ToolContext&) override { return ToolResult::error("no"); }
};

class ApprovalFeedbackTest : public ::testing::Test {
  protected:
    ApprovalFeedbackTest() {
        add_default_tools(tools);
        ctx = ToolContext::in_directory(dir.path());
        ctx.approval = ApprovalPolicy::kAsk;
    }
    TempDir dir;
    ToolRegistry tools;
    ToolContext ctx;
};

TEST_F(ApprovalFeedbackTest, TheReasonBecomesTheResultForEveryAskingTool) {
    ExplainingApprover approver("use tmp/");
    ctx.approver = &approver;
    const std::pair<const char*, const char*> calls[] = {
        {"write_file", R"({"path":"x.txt","content":"x\n"})"},
        {"apply_patch", R"({"input":"*** Begin Patch\n*** Add File: y.txt\n+y\n*** End Patch\n"})"},
        {"shell", R"({"command":"touch z.txt"})"},
    };
    for (const auto& [tool, arguments] : calls) {
        ToolResult result = tools.dispatch(tool, arguments, ctx);
        EXPECT_TRUE(result.denied) << tool;
        EXPECT_TRUE(result.is_error) << tool;
        EXPECT_EQ(result.output, "denied by user: use tmp/") << tool;
        EXPECT_TRUE(ctx.denial_feedback.empty()) << tool;  // nothing carried to the next call
    }
    EXPECT_FALSE(dir.exists("x.txt"));
    EXPECT_FALSE(dir.exists("y.txt"));
    EXPECT_FALSE(dir.exists("z.txt"));
    ASSERT_EQ(approver.seen.size(), 3u);
    EXPECT_EQ(approver.seen[0].paths, std::vector<std::string>{"x.txt"});
    EXPECT_EQ(approver.seen[1].paths, std::vector<std::string>{"y.txt"});
    EXPECT_TRUE(approver.seen[2].paths.empty());
    EXPECT_EQ(approver.seen[2].command, "touch z.txt");
}

TEST_F(ApprovalFeedbackTest, ToolsWithTheirOwnRunGetTheReasonToo) {
    ASSERT_TRUE(tools.add(std::make_unique<OwnRunTool>()));
    ExplainingApprover approver("keep the docs");
    ctx.approver = &approver;
    ToolResult result = tools.dispatch("mcp__docs__delete", R"({"id":1})", ctx);
    EXPECT_TRUE(result.denied);
    EXPECT_EQ(result.output, "denied by user: keep the docs");
    ASSERT_EQ(approver.seen.size(), 1u);
    EXPECT_EQ(approver.seen[0].tool_name, "mcp__docs__delete");
}

TEST_F(ApprovalFeedbackTest, AnApproverWithoutDecideStillDeniesPlainly) {
    PlainNo approver;
    ctx.approver = &approver;
    ToolResult result = tools.dispatch("write_file", R"({"path":"x.txt","content":"x\n"})", ctx);
    EXPECT_TRUE(result.denied);
    EXPECT_EQ(result.output, "denied by user");
}

TEST_F(ApprovalFeedbackTest, AnEmptyReasonIsAPlainDenial) {
    ExplainingApprover approver("");
    ctx.approver = &approver;
    ToolResult result = tools.dispatch("shell", R"({"command":"true"})", ctx);
    EXPECT_EQ(result.output, "denied by user");
}

TEST_F(ApprovalFeedbackTest, APatchAsksForEveryFileItTouches) {
    dir.write("old.txt", "a\n");
    ExplainingApprover approver("no");
    ctx.approver = &approver;
    tools.dispatch(
        "apply_patch",
        R"({"input":"*** Begin Patch\n*** Update File: old.txt\n*** Move to: new.txt\n@@\n-a\n+b\n*** End Patch\n"})",
        ctx);
    ASSERT_EQ(approver.seen.size(), 1u);
    EXPECT_EQ(approver.seen[0].paths, (std::vector<std::string>{"old.txt", "new.txt"}));
}

}  // namespace
}  // namespace klaude::core::agent
