// `klaude config path` and `klaude config init [--force]`.
#include <iostream>

#include "core/cli/command.h"
#include "core/config/config_init.h"

namespace klaude::core {

namespace {

int run_config(App& app, const ParsedArgs& args) {
    const auto& positionals = args.positionals();
    if (positionals.empty()) {
        throw UsageError("'klaude config' needs an action: path or init");
    }
    const std::string& action = positionals.front();
    if (positionals.size() > 1) {
        throw UsageError("unexpected argument '" + positionals[1] + "'");
    }
    if (action == "path") {
        if (args.has("force")) {
            throw UsageError("--force only applies to 'klaude config init'");
        }
        std::cout << app.config_file().string() << "\n";
        return kExitOk;
    }
    if (action == "init") {
        const auto path = init_config(app.home(), args.has("force"));
        std::cout << "Wrote the example configuration to " << path.string() << "\n";
        return kExitOk;
    }
    throw UsageError("unknown config action '" + action + "' (path, init)");
}

}  // namespace

Command config_command() {
    Command command;
    command.name = "config";
    command.usage = "klaude config path | klaude config init [--force]";
    command.summary = "show where the configuration lives, or write an example one";
    command.details =
        "The configuration is JSON (comments allowed) at $KLAUDE_HOME/config.json; it adds to\n"
        "and overrides the built-in providers and models by id.\n";
    command.options = {{"force", 0, false, "", "with init: replace an existing config file"}};
    command.run = &run_config;
    return command;
}

}  // namespace klaude::core
