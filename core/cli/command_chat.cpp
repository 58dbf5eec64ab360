// `klaude` with no command (or `klaude chat`): the interactive session (see core/tui/).
#include <unistd.h>

#include <cstdio>

#include "core/cli/agent_session.h"
#include "core/cli/command.h"
#include "core/tui/approval_prompt.h"
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
    // On a terminal approvals are one key (y/a/n/e) with coloured diffs; into a pipe or file
    // they stay exec's prompt on stderr.
    tui::TuiApprover approver(screen, *reader, app.host());
    if (screen.caps().tty) {
        session.set_approver(&approver);
    }
    tui::ChatSession chat(app, session, *reader, screen, stderr);
    const int code = chat.run();
    session.set_approver(nullptr);
    return code;
}

}  // namespace

Command chat_command() {
    Command command;
    command.name = "chat";
    command.usage = "klaude [options]   (or: klaude chat [options])";
    command.summary = "the interactive session (the default when no command is given)";
    command.details =
        "Type a prompt and press Enter; the agent answers, using tools under --approval\n"
        "(default ask here: every write and shell command needs your y, or a to stop asking\n"
        "for the like of it). A line ending in \\ continues the prompt. Slash commands:\n"
        "/help, /model [NAME], /clear, /status, /compact, /mcp, /diff, /quit. Ctrl-C cancels\n"
        "a turn (twice quits), Ctrl-D quits. History is kept in $KLAUDE_HOME/history. When\n"
        "stdin is not a terminal, lines are read plainly.\n";
    command.options = agent_option_specs();
    command.run = &run_chat;
    return command;
}

}  // namespace klaude::core
