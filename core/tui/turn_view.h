// How the interactive session shows a turn as it happens: the answer's text streamed as it
// arrives, reasoning dimmed, each tool call as one line (name and argument summary) followed by
// one line for its result (status and size), and the tokens used when the turn ends.
#pragma once

#include "core/agent/turn_text.h"

#include <cstdio>
#include <string>
#include <string_view>

#include "core/agent/agent_loop.h"
#include "core/agent/tools/tool_registry.h"
#include "core/agent/usage.h"
#include "core/tui/screen.h"

namespace klaude::core::tui {

class TurnView : public TurnObserver {
  public:
    // Draws on `screen` (its theme decides the styling: none for pipes and files).
    // `tools`: the session's tools, for one-line call summaries. Both must outlive the view.
    TurnView(Screen& screen, const agent::ToolRegistry& tools);

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

    // Prints `text` as its own dimmed line(s), after closing an open line.
    void note(const std::string& text);

  private:
    void end_reasoning();
    void end_line();
    const Theme& theme() const { return screen_.theme(); }

    Screen& screen_;
    const agent::ToolRegistry& tools_;
    bool in_reasoning_ = false;
    Usage turn_usage_;
    Usage session_usage_;
};

}  // namespace klaude::core::tui
