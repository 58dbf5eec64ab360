// `klaude` with no command (or `klaude chat`): the interactive session (see core/tui/).
#include <unistd.h>

#include <cstdio>

#include "core/cli/agent_session.h"
#include "core/cli/command.h"
#include "core/tui/chat_session.h"
#include "core/tui/line_reader.h"
#include "core/tui/screen.h"
#include "core/tui/terminal_caps.h"

namespace klaude::core {

namespace {

int run_chat(App& app, const ParsedArgs& args) {
    if (!args.positionals().empty()) {
        throw UsageError(
            "the interactive session takes no arguments; for one prompt use: "
            "klaude exec \"...\"");
    }
    AgentSession session(app, args, agent::ApprovalPolicy::kAsk);
    std::unique_ptr<tui::LineReader> reader = tui::make_stdin_reader(app.home() / "history");
    tui::Screen screen(stdout, tui::detect_terminal(STDOUT_FILENO));
    tui::ChatSession chat(app, session, *reader, screen, stderr);
    return chat.run();
}

}  // namespace

Command chat_command() {
    Command command;
    command.name = "chat";
    command.usage = "klaude [options]   (or: klaude chat [options])";
    command.summary = "the interactive session (the default when no command is given)";
    command.details =
        "Type a prompt and press Enter; the agent answers, using tools under --approval\n"
        "(default ask here: every write and shell command needs your y). A line ending in \\\n"
        "continues the prompt. Slash commands: /help, /model [NAME], /clear, /status,\n"
        "/compact, /quit. Ctrl-C cancels a turn (twice quits), Ctrl-D quits. History is kept\n"
        "in $KLAUDE_HOME/history. When stdin is not a terminal, lines are read plainly.\n";
    command.options = agent_option_specs();
    command.run = &run_chat;
    return command;
}

}  // namespace klaude::core
