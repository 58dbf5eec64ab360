// The approval policy matrix: which tool calls ask the Approver under each policy, what the
// request shows, and what a denial does (nothing, and "denied by user" to the model).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/agent/tools/default_tools.h"
#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Return;
using testing::TempDir;

class MockApprover : public Approver {
  public:
    MOCK_METHOD(bool, approve, (const ApprovalRequest& request), (override));
};

struct Call {
    const char* tool;
    const char* arguments;
    ToolKind kind;
};

// One call per tool kind; each leaves a visible trace when it runs.
const Call kCalls[] = {
    {"read_file", R"({"path":"existing.txt"})", ToolKind::kReadOnly},
    {"list_dir", R"({})", ToolKind::kReadOnly},
    {"write_file", R"({"path":"written.txt","content":"new\n"})", ToolKind::kEditsFiles},
    {"apply_patch",
     R"({"input":"*** Begin Patch\n*** Add File: patched.txt\n+patched\n*** End Patch\n"})",
     ToolKind::kEditsFiles},
    {"shell", R"({"command":"echo ran > shell-ran.txt"})", ToolKind::kRunsCommands},
};

std::string trace_of(const Call& call) {
    std::string tool = call.tool;
    if (tool == "write_file")
        return "written.txt";
    if (tool == "apply_patch")
        return "patched.txt";
    if (tool == "shell")
        return "shell-ran.txt";
    return "";
}

struct MatrixCase {
    ApprovalPolicy policy;
    std::size_t call;
    bool asks;
};

void PrintTo(const MatrixCase& c, std::ostream* os) {
    *os << to_string(c.policy) << " / " << kCalls[c.call].tool << (c.asks ? " (asks)" : "");
}

class ApprovalMatrix : public ::testing::TestWithParam<MatrixCase> {
  protected:
    void SetUp() override {
        dir.write("existing.txt", "hello\n");
        add_default_tools(registry);
        ctx = ToolContext::in_directory(dir.path());
        ctx.approver = &approver;
        ctx.approval = GetParam().policy;
    }
    TempDir dir;
    ToolRegistry registry;
    ToolContext ctx;
    ::testing::StrictMock<MockApprover> approver;
};

TEST_P(ApprovalMatrix, AsksExactlyWhenThePolicySaysAndRunsWhenApproved) {
    const Call& call = kCalls[GetParam().call];
    if (GetParam().asks) {
        EXPECT_CALL(approver, approve(Field(&ApprovalRequest::tool_name, call.tool)))
            .WillOnce(Return(true));
    } else {
        EXPECT_CALL(approver, approve(_)).Times(0);
    }
    auto result = registry.dispatch(call.tool, call.arguments, ctx);
    EXPECT_FALSE(result.is_error) << result.output;
    EXPECT_FALSE(result.denied);
    if (!trace_of(call).empty()) {
        EXPECT_TRUE(dir.exists(trace_of(call))) << call.tool << " did not run";
    }
}

TEST_P(ApprovalMatrix, ADenialDoesNothingAndTellsTheModel) {
    const Call& call = kCalls[GetParam().call];
    if (GetParam().asks) {
        EXPECT_CALL(approver, approve(_)).WillOnce(Return(false));
    } else {
        EXPECT_CALL(approver, approve(_)).Times(0);
    }
    auto result = registry.dispatch(call.tool, call.arguments, ctx);
    if (GetParam().asks) {
        EXPECT_TRUE(result.denied);
        EXPECT_EQ(result.output, "denied by user");
        if (!trace_of(call).empty()) {
            EXPECT_FALSE(dir.exists(trace_of(call))) << call.tool << " ran although denied";
        }
    } else {
        EXPECT_FALSE(result.denied) << result.output;
    }
}

std::vector<MatrixCase> all_cases() {
    std::vector<MatrixCase> cases;
    for (auto policy :
         {ApprovalPolicy::kAsk, ApprovalPolicy::kAutoEdit, ApprovalPolicy::kFullAuto}) {
        for (std::size_t i = 0; i < std::size(kCalls); ++i) {
            cases.push_back({policy, i, needs_approval(policy, kCalls[i].kind)});
        }
    }
    return cases;
}

std::string case_name(const ::testing::TestParamInfo<MatrixCase>& param_info) {
    std::string name =
        to_string(param_info.param.policy) + "_" + kCalls[param_info.param.call].tool;
    for (char& c : name) {
        c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(PolicyByTool, ApprovalMatrix, ::testing::ValuesIn(all_cases()), case_name);

TEST(ApprovalRequestContent, AWriteShowsAUnifiedDiff) {
    TempDir dir;
    dir.write("a.txt", "one\ntwo\n");
    ToolRegistry registry;
    add_default_tools(registry);
    auto ctx = ToolContext::in_directory(dir.path());
    MockApprover approver;
    ctx.approver = &approver;
    EXPECT_CALL(approver, approve(AllOf(Field(&ApprovalRequest::kind, ToolKind::kEditsFiles),
                                        Field(&ApprovalRequest::summary, HasSubstr("a.txt")),
                                        Field(&ApprovalRequest::diff, HasSubstr("--- a/a.txt")),
                                        Field(&ApprovalRequest::diff, HasSubstr("-two\n+TWO\n")))))
        .WillOnce(Return(true));
    auto result =
        registry.dispatch("write_file", R"({"path":"a.txt","content":"one\nTWO\n"})", ctx);
    EXPECT_FALSE(result.is_error) << result.output;
    EXPECT_EQ(dir.read("a.txt"), "one\nTWO\n");
}

TEST(ApprovalRequestContent, APatchShowsItsDiff) {
    TempDir dir;
    dir.write("a.txt", "one\ntwo\n");
    ToolRegistry registry;
    add_default_tools(registry);
    auto ctx = ToolContext::in_directory(dir.path());
    MockApprover approver;
    ctx.approver = &approver;
    EXPECT_CALL(approver, approve(Field(&ApprovalRequest::diff, HasSubstr("-one\n+ONE\n"))))
        .WillOnce(Return(false));
    auto result = registry.dispatch(
        "apply_patch",
        R"({"input":"*** Begin Patch\n*** Update File: a.txt\n@@\n-one\n+ONE\n two\n*** End Patch"})",
        ctx);
    EXPECT_TRUE(result.denied);
    EXPECT_EQ(dir.read("a.txt"), "one\ntwo\n");
}

TEST(ApprovalRequestContent, AShellCallShowsTheCommand) {
    TempDir dir;
    ToolRegistry registry;
    add_default_tools(registry);
    auto ctx = ToolContext::in_directory(dir.path());
    ctx.approval = ApprovalPolicy::kAutoEdit;
    MockApprover approver;
    ctx.approver = &approver;
    EXPECT_CALL(approver, approve(AllOf(Field(&ApprovalRequest::kind, ToolKind::kRunsCommands),
                                        Field(&ApprovalRequest::command, "echo hi"))))
        .WillOnce(Return(true));
    auto result = registry.dispatch("shell", R"({"command":"echo hi"})", ctx);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_THAT(result.output, HasSubstr("hi"));
}

TEST(ApprovalWithoutApprover, AnythingThatWouldAskIsDenied) {
    // `klaude exec` with stdin not a terminal has no one to ask.
    TempDir dir;
    ToolRegistry registry;
    add_default_tools(registry);
    auto ctx = ToolContext::in_directory(dir.path());
    ctx.approval = ApprovalPolicy::kAutoEdit;
    auto shell = registry.dispatch("shell", R"({"command":"touch x"})", ctx);
    EXPECT_TRUE(shell.denied);
    EXPECT_FALSE(dir.exists("x"));
    auto write = registry.dispatch("write_file", R"({"path":"y","content":""})", ctx);
    EXPECT_FALSE(write.denied) << write.output;  // auto-edit: edits need no one
    EXPECT_TRUE(dir.exists("y"));
}

}  // namespace
}  // namespace klaude::core::agent
