#include "core/tui/turn_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "core/agent/tools/default_tools.h"

#include "tests/core/tui/tui_test_support.h"

namespace klaude::core::tui {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class TurnViewTest : public ::testing::Test {
  protected:
    TurnViewTest()
        : out_(std::tmpfile()),
          plain_(out_, TerminalCaps::none()),
          styled_(out_, kColourTerminal, Theme::ansi()) {
        agent::add_default_tools(tools_);
    }
    ~TurnViewTest() override { std::fclose(out_); }
    static constexpr TerminalCaps kColourTerminal{true, true, true, true, false};
    std::FILE* out_;
    Screen plain_;
    Screen styled_;
    agent::ToolRegistry tools_;
};

TEST_F(TurnViewTest, StreamsTextAndShowsToolCallsCompactly) {
    TurnView view(plain_, tools_);
    view.begin_turn();
    view.on_model_event(KLAUDE_EVENT_REASONING_DELTA, "thinking it over");
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "I will ");
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "write it.");
    ToolCall call{"c1", "write_file", R"({"path":"notes.txt","content":"a\nb\n"})"};
    view.on_tool_call(call);
    view.on_tool_result(call, agent::ToolResult::success("Created notes.txt (4 bytes)"));
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "Done.");
    view.end_turn();
    EXPECT_EQ(testing::read_all(out_),
              "thinking it over\nI will write it.\n> write_file notes.txt\n  ok, 27 bytes\n"
              "Done.\n");
}

TEST_F(TurnViewTest, StyledOutputDimsReasoningAndResults) {
    TurnView view(styled_, tools_);
    view.begin_turn();
    view.on_model_event(KLAUDE_EVENT_REASONING_DELTA, "hmm");
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "answer");
    view.end_turn();
    EXPECT_EQ(testing::read_all(out_), "\x1b[0;2mhmm\x1b[0m\nanswer\n");
}

TEST_F(TurnViewTest, UnknownToolsAreSummarisedByTheirFirstStringArgument) {
    agent::ToolRegistry none;
    EXPECT_EQ(summarize_tool_call(none, {"c", "fetch", R"({"n":1,"url":"http://x"})"}),
              "fetch http://x");
    EXPECT_EQ(summarize_tool_call(none, {"c", "fetch", "not json"}), "fetch");
}

TEST_F(TurnViewTest, SumsUsagePerTurnAndPerSession) {
    TurnView view(plain_, tools_);
    const char* usage =
        R"({"input_tokens":10,"cached_input_tokens":4,"output_tokens":5,"reasoning_tokens":1,"total_tokens":15})";
    view.begin_turn();
    view.on_model_event(KLAUDE_EVENT_USAGE, usage);
    view.on_model_event(KLAUDE_EVENT_USAGE, usage);
    EXPECT_EQ(view.turn_usage().input_tokens, 20u);
    view.begin_turn();
    view.on_model_event(KLAUDE_EVENT_USAGE, usage);
    EXPECT_EQ(view.turn_usage().total_tokens, 15u);
    EXPECT_EQ(view.session_usage().total_tokens, 45u);
    EXPECT_EQ(describe_usage(view.turn_usage()), "10 in (4 cached), 5 out (1 reasoning), 15 total");
}

TEST(ToolResultLineTest, SaysStatusAndSize) {
    EXPECT_EQ(describe_tool_result(agent::ToolResult::success("12345")), "ok, 5 bytes");
    EXPECT_EQ(describe_tool_result(agent::ToolResult::denial()), "denied");
    agent::ToolResult shell = agent::ToolResult::success(std::string(2048, 'x'));
    shell.exit_code = 2;
    EXPECT_EQ(describe_tool_result(shell), "exit 2, 2.0 KB");
    agent::ToolResult failed = agent::ToolResult::error("write_file: outside the cwd\nmore");
    EXPECT_EQ(describe_tool_result(failed), "error, 32 bytes: write_file: outside the cwd");
    agent::ToolResult slow = agent::ToolResult::error("killed");
    slow.timed_out = true;
    slow.exit_code = 137;
    EXPECT_THAT(describe_tool_result(slow), HasSubstr("timed out, exit 137"));
    EXPECT_EQ(format_size(1), "1 byte");
    EXPECT_EQ(format_size(3 * 1024 * 1024), "3.0 MB");
}

}  // namespace
}  // namespace klaude::core::tui
