// The interactive session: a banner, then prompt -> turn -> prompt until /quit or Ctrl-D.
// Slash commands are handled here; everything else is a prompt for the agent. A turn's error
// is one line and the session goes on. Ctrl-C cancels a running turn (a second one, while the
// first is being handled, quits: Interrupts' second_interrupt_exits is on during turns only)
// and clears the line at the prompt (the line reader handles that one).
#pragma once

#include <cstdio>
#include <optional>
#include <string>

#include "core/cli/agent_session.h"
#include "core/cli/app.h"
#include "core/tui/line_reader.h"
#include "core/tui/screen.h"
#include "core/tui/slash_command.h"
#include "core/tui/turn_view.h"

namespace klaude::core::tui {

class ChatSession {
  public:
    // Draws on `screen`; warnings go to `err`. All must outlive the session.
    ChatSession(App& app, AgentSession& session, LineReader& reader, Screen& screen,
                std::FILE* err);

    // Runs until the user quits; returns the exit code (0).
    int run();

  private:
    std::optional<std::string> read_prompt();
    // False when the command ends the session.
    bool handle(const SlashCommand& command);
    void run_turn(const std::string& prompt);

    void print_banner();
    void show_status();
    void show_model();
    void switch_model(const std::string& spec);
    void clear_conversation();
    void compact();

    std::string model_label() const;
    void say(const std::string& text);   // a line on out
    void warn(const std::string& text);  // "klaude: text" on err

    App& app_;
    AgentSession& session_;
    LineReader& reader_;
    Screen& screen_;
    std::FILE* err_;
    TurnView view_;
};

}  // namespace klaude::core::tui
