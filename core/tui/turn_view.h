// How the interactive session shows a turn as it happens: the answer's text streamed as it
// arrives, reasoning dimmed, each tool call as one line (name and argument summary) followed by
// one line for its result (status and size), and the tokens used when the turn ends.
#pragma once

#include "core/agent/turn_text.h"

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/agent/agent_loop.h"
#include "core/agent/tools/tool_registry.h"
#include "core/agent/usage.h"
#include "core/tui/markdown_stream.h"
#include "core/tui/screen.h"
#include "core/tui/spinner.h"

namespace klaude::core::tui {

class TurnView : public TurnObserver {
  public:
    // Draws on `screen` (its theme decides the styling: none for pipes and files).
    // `tools`: the session's tools, for one-line call summaries. Both must outlive the view.
    TurnView(Screen& screen, const agent::ToolRegistry& tools);

    // What the turn waits for, shown on `spinner` (nullptr: none); it must outlive the view.
    // Shown from begin_turn, while a tool runs and after its result; hidden by the first text
    // or reasoning and at end_turn.
    void set_spinner(Spinner* spinner) { spinner_ = spinner; }

    void begin_turn();
    // Closes an open line and styling, flushes. Call on every way out of a turn.
    void end_turn();

    void on_model_event(klaude_event_type_t type, std::string_view data) override;
    void on_tool_call(const ToolCall& call) override;
    void on_tool_result(const ToolCall& call, const agent::ToolResult& result) override;

    // Summed from the usage events, so a turn that failed halfway still counts, and a model
    // switch (which replaces the agent loop) does not reset the session's sum.
    const Usage& turn_usage() const { return turn_usage_; }
    const Usage& session_usage() const { return session_usage_; }
    // The last model call's usage: its input and output are what the next request starts from.
    const Usage& last_call_usage() const { return last_call_usage_; }

    // [thread-safe: called on the tool's thread] How far the running tool has got: shown after
    // its label in the spinner ("waiting for the MCP server S · 3/10 · message").
    void on_tool_progress(const agent::ToolProgress& progress);

    // Prints `text` as its own dimmed line(s), after closing an open line.
    void note(const std::string& text);

  private:
    void end_reasoning();
    void end_line();
    // Writes what the Markdown stream of the answer still holds (before anything else draws).
    void finish_text();
    const Theme& theme() const { return screen_.theme(); }
    void show_waiting(const std::string& label);
    void hide_waiting();

    Screen& screen_;
    const agent::ToolRegistry& tools_;
    Spinner* spinner_ = nullptr;
    // On a terminal the answer and the reasoning are rendered as Markdown as they stream;
    // elsewhere (null) their bytes go out as they come.
    std::unique_ptr<MarkdownStream> text_;
    std::unique_ptr<MarkdownStream> reasoning_;
    bool in_reasoning_ = false;
    Usage turn_usage_;
    Usage last_call_usage_;
    Usage session_usage_;
};

}  // namespace klaude::core::tui
