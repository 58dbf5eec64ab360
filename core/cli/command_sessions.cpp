// `klaude sessions`: the saved conversations, newest first.
#include <ctime>
#include <iostream>

#include "core/cli/command.h"
#include "core/session/session_store.h"

namespace klaude::core {

namespace {

std::string one_line(std::string text, size_t max) {
    for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    return text.size() > max ? text.substr(0, max) + "..." : text;
}

int run_sessions(App& app, const ParsedArgs& args) {
    (void)args;
    const auto sessions = list_sessions(app.home());
    if (sessions.empty()) {
        std::cout << "No saved sessions in " << sessions_dir(app.home()).string() << "\n";
        return kExitOk;
    }
    for (const SessionInfo& s : sessions) {
        std::cout << s.id.substr(0, 8) << "  " << s.created << "  " << s.model << "  " << s.cwd
                  << "\n    " << one_line(s.first_prompt, 100) << "\n";
    }
    std::cout << "Resume one with 'klaude --resume ID' (an id prefix is enough).\n";
    return kExitOk;
}

}  // namespace

Command sessions_command() {
    Command command;
    command.name = "sessions";
    command.usage = "klaude sessions [options]";
    command.summary = "list saved conversations (id, date, model, directory, first prompt)";
    command.run = &run_sessions;
    return command;
}

}  // namespace klaude::core
