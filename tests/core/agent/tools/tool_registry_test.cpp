#include "core/agent/tools/tool_registry.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <stdexcept>

#include "core/agent/tools/default_tools.h"
#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using testing::TempDir;

// A tool that echoes its argument, or throws when asked to: to see what dispatch does with
// each outcome.
class EchoTool : public Tool {
  public:
    std::string name() const override { return "echo"; }
    std::string description() const override { return "Echo text back."; }
    std::vector<ParamSpec> parameters() const override {
        return {{"text", ParamType::kString, "what to echo", true},
                {"explode", ParamType::kBoolean, "throw instead", false}};
    }
    ToolKind kind() const override { return ToolKind::kReadOnly; }

  protected:
    ToolResult execute(const ToolArgs& args, ToolContext&) override {
        if (args.boolean("explode").value_or(false)) {
            throw std::runtime_error("boom");
        }
        return ToolResult::success("echo: " + args.string_or("text", ""));
    }
};

class ToolRegistryTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(registry.add(std::make_unique<EchoTool>()));
        ctx = ToolContext::in_directory(dir.path());
    }
    TempDir dir;
    ToolRegistry registry;
    ToolContext ctx;
};

TEST_F(ToolRegistryTest, DispatchesToTheNamedTool) {
    auto result = registry.dispatch("echo", R"({"text":"hi"})", ctx);
    EXPECT_FALSE(result.is_error);
    EXPECT_EQ(result.output, "echo: hi");
}

TEST_F(ToolRegistryTest, UnknownToolIsAnErrorNamingWhatExists) {
    auto result = registry.dispatch("teleport", "{}", ctx);
    EXPECT_TRUE(result.is_error);
    EXPECT_NE(result.output.find("unknown tool 'teleport'"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("echo"), std::string::npos) << result.output;
}

TEST_F(ToolRegistryTest, InvalidJsonArgumentsAreAnError) {
    auto result = registry.dispatch("echo", R"({"text": "unterminated)", ctx);
    EXPECT_TRUE(result.is_error);
    EXPECT_NE(result.output.find("not valid JSON"), std::string::npos) << result.output;
}

TEST_F(ToolRegistryTest, WrongTypesAndMissingArgumentsAreErrors) {
    auto wrong = registry.dispatch("echo", R"({"text": 42})", ctx);
    EXPECT_TRUE(wrong.is_error);
    EXPECT_NE(wrong.output.find("'text' must be a string"), std::string::npos) << wrong.output;
    auto missing = registry.dispatch("echo", "{}", ctx);
    EXPECT_TRUE(missing.is_error);
    EXPECT_NE(missing.output.find("missing required argument 'text'"), std::string::npos);
}

TEST_F(ToolRegistryTest, AThrowingToolBecomesAnErrorResult) {
    auto result = registry.dispatch("echo", R"({"text":"x","explode":true})", ctx);
    EXPECT_TRUE(result.is_error);
    EXPECT_NE(result.output.find("boom"), std::string::npos) << result.output;
}

TEST_F(ToolRegistryTest, RefusesASecondToolWithTheSameName) {
    EXPECT_FALSE(registry.add(std::make_unique<EchoTool>()));
    EXPECT_EQ(registry.names().size(), 1u);
}

TEST_F(ToolRegistryTest, CancelledBeforeStartDoesNotRun) {
    std::atomic<bool> cancel{true};
    ctx.cancel = &cancel;
    auto result = registry.dispatch("echo", R"({"text":"x"})", ctx);
    EXPECT_TRUE(result.is_error);
    EXPECT_TRUE(result.cancelled);
}

TEST(ToolRegistry, RemoveIfTakesWhatThePredicateSaysAndKeepsTheOrderOfTheRest) {
    ToolRegistry registry;
    add_default_tools(registry);
    std::vector<std::string> before = registry.names();
    ASSERT_GE(before.size(), 3u);
    const std::string first = before[0];
    const std::string last = before.back();
    EXPECT_EQ(
        registry.remove_if([&](const Tool& t) { return t.name() == first || t.name() == last; }),
        2u);
    before.erase(before.begin());
    before.pop_back();
    EXPECT_EQ(registry.names(), before);
    EXPECT_EQ(registry.find(first), nullptr);
    EXPECT_EQ(registry.remove_if([](const Tool&) { return false; }), 0u);
    // A removed name can be added again.
    EXPECT_TRUE(registry.add(std::make_unique<EchoTool>()));
    EXPECT_EQ(registry.names().back(), "echo");
}

TEST(DefaultTools, DefinitionsAreAValidArrayForTheRequest) {
    ToolRegistry registry;
    add_default_tools(registry);
    rapidjson::Document doc;
    doc.Parse(registry.definitions_json().c_str());
    ASSERT_FALSE(doc.HasParseError());
    ASSERT_TRUE(doc.IsArray());
    std::vector<std::string> names;
    for (const auto& def : doc.GetArray()) {
        ASSERT_TRUE(def["name"].IsString());
        EXPECT_GT(def["description"].GetStringLength(), 20u) << def["name"].GetString();
        const auto& params = def["parameters"];
        ASSERT_TRUE(params.IsObject()) << def["name"].GetString();
        EXPECT_STREQ(params["type"].GetString(), "object");
        EXPECT_FALSE(params["additionalProperties"].GetBool());
        EXPECT_EQ(params["required"].Size(), params["properties"].MemberCount());
        names.emplace_back(def["name"].GetString());
    }
    EXPECT_EQ(names, (std::vector<std::string>{"shell", "read_file", "list_dir", "grep", "glob",
                                               "write_file", "apply_patch"}));
}

TEST(DefaultTools, SummarizeCallsInOneShortLine) {
    ToolRegistry registry;
    add_default_tools(registry);
    EXPECT_EQ(registry.find("read_file")->summarize_call(R"({"path":"src/a.cpp"})"),
              "read_file src/a.cpp");
    EXPECT_EQ(registry.find("shell")->summarize_call(R"({"command":"make test\nmake install"})"),
              "shell make test");
    EXPECT_EQ(registry.find("list_dir")->summarize_call("{}"), "list_dir .");
    EXPECT_EQ(
        registry.find("apply_patch")
            ->summarize_call(
                R"({"input":"*** Begin Patch\n*** Update File: a\n*** Move to: b\n*** Delete File: c\n*** End Patch"})"),
        "apply_patch a -> b, c");
    EXPECT_EQ(registry.find("grep")->summarize_call("not json"), "grep");
    std::string long_command = R"({"command":")" + std::string(200, 'x') + R"("})";
    EXPECT_LT(registry.find("shell")->summarize_call(long_command).size(), 100u);
}

TEST(DefaultTools, ClassifiedForTheApprovalPolicy) {
    ToolRegistry registry;
    add_default_tools(registry);
    EXPECT_EQ(registry.find("shell")->kind(), ToolKind::kRunsCommands);
    EXPECT_EQ(registry.find("write_file")->kind(), ToolKind::kEditsFiles);
    EXPECT_EQ(registry.find("apply_patch")->kind(), ToolKind::kEditsFiles);
    for (const char* reader : {"read_file", "list_dir", "grep", "glob"}) {
        EXPECT_EQ(registry.find(reader)->kind(), ToolKind::kReadOnly) << reader;
    }
}

}  // namespace
}  // namespace klaude::core::agent
