// TurnView on a terminal renders the answer and the reasoning as Markdown as they stream, and
// writes what the stream holds before anything else draws; elsewhere the bytes are untouched.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/agent/tools/default_tools.h"
#include "core/tui/turn_view.h"
#include "tests/core/tui/tui_test_support.h"

namespace klaude::core::tui {
namespace {

using ::testing::HasSubstr;

class TurnViewMarkdownTest : public ::testing::Test {
  protected:
    TurnViewMarkdownTest() : out_(std::tmpfile()) { agent::add_default_tools(tools_); }
    ~TurnViewMarkdownTest() override { std::fclose(out_); }
    std::string written() { return testing::read_all(out_); }

    static constexpr TerminalCaps kTerminal{true, true, true, true, false};
    std::FILE* out_;
    agent::ToolRegistry tools_;
};

TEST_F(TurnViewMarkdownTest, TheAnswerIsRenderedOnATerminal) {
    Screen screen(out_, kTerminal, Theme::tagged());
    TurnView view(screen, tools_);
    view.begin_turn();
    for (const char* delta : {"# Ti", "tle\n\nSome **bo", "ld** text\n- it", "em\n"}) {
        view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, delta);
    }
    view.end_turn();
    EXPECT_EQ(written(),
              "{b}{u}{fg=5}Title{/}\n\nSome {b}bold{/} text\n\n{dim}\xe2\x80\xa2{/} item\n");
}

TEST_F(TurnViewMarkdownTest, HeldTextIsWrittenBeforeAToolCallAndANote) {
    Screen screen(out_, kTerminal, Theme::tagged());
    TurnView view(screen, tools_);
    view.begin_turn();
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "I will **write** it.");
    view.on_tool_call(ToolCall{"c1", "write_file", R"({"path":"a.txt","content":"x"})"});
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "half a line");
    view.note("(turn cancelled)");
    view.end_turn();
    EXPECT_EQ(written(),
              "I will {b}write{/} it.\n{b}>{/} write_file a.txt\nhalf a line\n"
              "{dim}(turn cancelled){/}\n");
}

TEST_F(TurnViewMarkdownTest, ReasoningIsRenderedDim) {
    Screen screen(out_, kTerminal, Theme::tagged());
    TurnView view(screen, tools_);
    view.begin_turn();
    view.on_model_event(KLAUDE_EVENT_REASONING_DELTA, "think **hard**");
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "answer");
    view.end_turn();
    EXPECT_EQ(written(), "{dim}think {b}{dim}hard{/}\nanswer\n");
}

TEST_F(TurnViewMarkdownTest, ModelEscapesNeverReachTheTerminal) {
    Screen screen(out_, kTerminal, Theme::ansi());
    TurnView view(screen, tools_);
    view.begin_turn();
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "a\x1b]0;title\x07 b\x1b[2J\n");
    view.on_model_event(KLAUDE_EVENT_REASONING_DELTA, "\x1b[31mred");
    view.end_turn();
    const std::string out = written();
    EXPECT_EQ(out.find("\x1b]"), std::string::npos) << out;
    EXPECT_EQ(out.find("\x1b[2J"), std::string::npos) << out;
    EXPECT_EQ(out.find("\x1b[31m"), std::string::npos) << out;
    EXPECT_THAT(out, HasSubstr("a\xef\xbf\xbd]0;title\xef\xbf\xbd b\xef\xbf\xbd[2J"));
}

TEST_F(TurnViewMarkdownTest, NotATerminalGetsTheBytesAsTheyCame) {
    Screen screen(out_, TerminalCaps::none());
    TurnView view(screen, tools_);
    view.begin_turn();
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "# **raw** ");
    view.on_model_event(KLAUDE_EVENT_TEXT_DELTA, "`text`\n```\n");
    view.end_turn();
    EXPECT_EQ(written(), "# **raw** `text`\n```\n");
}

}  // namespace
}  // namespace klaude::core::tui
