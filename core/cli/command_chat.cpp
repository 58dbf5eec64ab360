// `klaude` with no command: the interactive session (see core/tui/).
#include "core/cli/agent_session.h"
#include "core/cli/command.h"

namespace klaude::core {

namespace {

int run_chat(App& app, const ParsedArgs& args) {
    (void)app;
    (void)args;
    throw std::runtime_error("the interactive session is not built yet; use 'klaude exec'");
}

}  // namespace

Command chat_command() {
    Command command;
    command.name = "chat";
    command.usage = "klaude [options]   (or: klaude chat [options])";
    command.summary = "the interactive session (the default when no command is given)";
    command.options = agent_option_specs();
    command.run = &run_chat;
    return command;
}

}  // namespace klaude::core
