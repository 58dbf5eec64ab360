// The commands of `klaude`. Each lives in its own command_*.cpp and is listed by all_commands().
#pragma once

#include <string>
#include <vector>

#include "core/cli/app.h"
#include "core/cli/arg_parser.h"

namespace klaude::core {

// Exit codes: 0 success, 1 the command failed, 2 the command line was wrong.
enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

struct Command {
    std::string name;
    std::string usage;                // "klaude list [options]"
    std::string summary;              // one line for `klaude --help`
    std::string details;              // more help text, may be empty
    std::vector<OptionSpec> options;  // the global options are added to these
    // The command's run function gets the parsed options (its own and the global ones) and
    // the positionals. Commands whose options depend on a plugin (auth) get raw arguments.
    bool raw_arguments = false;
    int (*run)(App& app, const ParsedArgs& args) = nullptr;
};

const std::vector<Command>& all_commands();

Command plugins_command();
Command list_command();
Command models_command();
Command auth_command();
Command login_alias_command();
Command logout_alias_command();
Command config_command();
Command exec_command();
Command sessions_command();
Command chat_command();
Command mcp_command();

// The help text of one command.
std::string command_help(const Command& command);

}  // namespace klaude::core
