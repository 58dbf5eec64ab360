// TurnView with a spinner: what the turn waits for is shown at the right moments and erased
// before any text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/agent/tools/default_tools.h"
#include "core/tui/turn_view.h"
#include "tests/core/tui/tui_test_support.h"

namespace klaude::core::tui {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr TerminalCaps kTerminal{true, true, true, true, false};

class TurnViewSpinnerTest : public ::testing::Test {
  protected:
    TurnViewSpinnerTest() { agent::add_default_tools(tools_); }
    ~TurnViewSpinnerTest() override { std::fclose(out_); }

    std::FILE* out_ = std::tmpfile();
    Screen screen_{out_, kTerminal, Theme::plain()};
    // No ticks: only the rows show() draws, so the output is exact.
    Spinner spinner_{screen_, true, std::chrono::hours(1),
                     [] { return std::chrono::steady_clock::time_point{}; }};
    agent::ToolRegistry tools_;
};

TEST_F(TurnViewSpinnerTest, WaitsAreShownAndTheFirstTextErasesThem) {
    TurnView view(screen_, tools_);
    view.set_spinner(&spinner_);
    view.begin_turn();
    EXPECT_TRUE(spinner_.shown());
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "Listing.");
    EXPECT_FALSE(spinner_.shown());
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, " Now.");
    ToolCall call{"c1", "shell", R"({"command":"ls -l"})"};
    view.on_tool_call(call);
    EXPECT_TRUE(spinner_.shown());
    view.on_tool_result(call, agent::ToolResult::success("a\n"));
    EXPECT_TRUE(spinner_.shown());
    view.on_model_event(KLAUDE_EVENT_REASONING_DELTA, "hmm");
    EXPECT_FALSE(spinner_.shown());
    view.end_turn();
    EXPECT_FALSE(spinner_.shown());

    const std::string erase = "\r\x1b[2K";
    const std::string waiting = erase + "⠋ waiting for the model · 0s · Ctrl-C cancels";
    EXPECT_EQ(testing::read_all(out_), waiting + erase + "Listing. Now.\n> shell ls -l\n" + erase +
                                           "⠋ running `ls -l` · 0s · Ctrl-C cancels" + erase +
                                           "  ok, 2 bytes\n" + waiting + erase + "hmm\n");
}

TEST_F(TurnViewSpinnerTest, AnMcpCallsProgressFollowsItsLabel) {
    TurnView view(screen_, tools_);
    view.set_spinner(&spinner_);
    ToolCall call{"c1", "mcp__docs__index", "{}"};
    view.on_tool_call(call);
    view.on_tool_progress(agent::ToolProgress{2, 5, "reading b.md"});
    view.on_tool_result(call, agent::ToolResult::success("done"));
    view.end_turn();
    const std::string erase = "\r\x1b[2K";
    EXPECT_EQ(testing::read_all(out_),
              "> mcp__docs__index\n" + erase +
                  "⠋ waiting for the MCP server docs · 0s · Ctrl-C cancels" + erase +
                  "⠋ waiting for the MCP server docs · 2/5 · reading b.md · 0s · Ctrl-C cancels" +
                  erase + "  ok, 4 bytes\n" + erase +
                  "⠋ waiting for the model · 0s · Ctrl-C cancels" + erase);
}

TEST_F(TurnViewSpinnerTest, WithoutASpinnerNothingIsDrawn) {
    TurnView view(screen_, tools_);
    view.begin_turn();
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "text");
    view.end_turn();
    EXPECT_THAT(testing::read_all(out_), Not(HasSubstr("waiting")));
}

TEST_F(TurnViewSpinnerTest, KeepsTheLastCallsUsage) {
    TurnView view(screen_, tools_);
    view.begin_turn();
    view.on_model_event(KLAUDE_EVENT_USAGE, R"({"input_tokens":10,"output_tokens":5})");
    view.on_model_event(KLAUDE_EVENT_USAGE, R"({"input_tokens":30,"output_tokens":7})");
    EXPECT_EQ(view.last_call_usage().input_tokens, 30u);
    EXPECT_EQ(view.last_call_usage().output_tokens, 7u);
    EXPECT_EQ(view.turn_usage().input_tokens, 40u);
    view.begin_turn();
    EXPECT_EQ(view.last_call_usage().input_tokens, 0u);
}

}  // namespace
}  // namespace klaude::core::tui
