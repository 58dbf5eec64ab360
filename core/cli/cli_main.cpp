#include "core/cli/cli_main.h"

#include <iostream>
#include <string>
#include <vector>

#include "core/cli/command.h"
#include "core/config/config.h"
#include "core/config/klaude_home.h"
#include "core/plugin/plugin_client.h"
#include "core/plugin/plugin_scanner.h"
#include "klaude/abi/version.h"

namespace klaude::core {

namespace {

std::string version_line() {
    return std::string("klaude ") + KLAUDE_VERSION + " (plugin ABI " +
           std::to_string(KLAUDE_ABI_VERSION_MAJOR) + "." +
           std::to_string(KLAUDE_ABI_VERSION_MINOR) + ")";
}

std::string main_help() {
    std::string text =
        "klaude: an agent host whose LLM providers are plugins.\n\n"
        "Usage: klaude [global options] COMMAND [options]\n\nCommands:\n";
    for (const Command& command : all_commands()) {
        text += "  " + command.name +
                std::string(command.name.size() < 10 ? 10 - command.name.size() : 1, ' ') +
                command.summary + "\n";
    }
    text += "\nGlobal options:\n" + format_options(global_option_specs());
    text += "      --version    show the version\n";
    text +=
        "\nEnvironment: KLAUDE_HOME (default ~/.klaude), KLAUDE_PLUGIN_PATH (colon-separated "
        "plugin dirs),\nKLAUDE_LOG (debug|info|warning|error), KLAUDE_MODEL.\n"
        "Run 'klaude COMMAND --help' for a command's options.\n";
    return text;
}

const Command* find_command(const std::string& name) {
    for (const Command& command : all_commands()) {
        if (command.name == name) {
            return &command;
        }
    }
    return nullptr;
}

int run(const std::vector<std::string>& args) {
    // Before the command: global options, --version, and the interactive session's options
    // (`klaude --continue`, `klaude -m MODEL`), which only apply when no command follows.
    const Command chat = chat_command();
    std::vector<OptionSpec> leading_specs = with_global_options(chat.options);
    leading_specs.push_back({"version", 0, false, "", "show the version"});
    ParsedArgs leading = parse_args(args, leading_specs, /*stop_at_first_positional=*/true);
    if (leading.has("version")) {
        std::cout << version_line() << "\n";
        return kExitOk;
    }
    if (leading.has("help")) {
        std::cout << main_help();
        return kExitOk;
    }
    const Command* command = &chat;
    std::vector<std::string> rest;
    if (!leading.positionals().empty()) {
        const std::string& name = leading.positionals().front();
        command = find_command(name);
        if (command == nullptr) {
            throw UsageError("unknown command '" + name + "'");
        }
        rest.assign(leading.positionals().begin() + 1, leading.positionals().end());
        for (const OptionSpec& spec : chat.options) {
            if (leading.has(spec.name)) {
                throw UsageError("option '--" + spec.name + "' goes after the command: klaude " +
                                 name + " --" + spec.name + " ...");
            }
        }
    }

    ParsedArgs parsed;
    if (command == &chat && leading.positionals().empty()) {
        parsed = leading;
    } else if (command->raw_arguments) {
        for (std::string& arg : rest) {
            parsed.add_positional(std::move(arg));
        }
    } else {
        parsed = parse_args(rest, with_global_options(command->options));
        if (parsed.has("help")) {
            std::cout << command_help(*command);
            return kExitOk;
        }
    }
    if (command == &chat && leading.positionals().empty()) {
        App app(read_global_options(parsed));
        app.configure_logging();
        return command->run(app, parsed);
    }
    // Global options may come before or after the command name.
    for (const OptionSpec& spec : global_option_specs()) {
        for (const std::string& value : leading.values(spec.name)) {
            parsed.add(spec.name, value);
        }
    }
    App app(read_global_options(parsed));
    app.configure_logging();
    return command->run(app, parsed);
}

}  // namespace

std::string command_help(const Command& command) {
    std::string text = "Usage: " + command.usage + "\n\n" + command.summary + "\n";
    if (!command.details.empty()) {
        text += "\n" + command.details;
        if (command.details.back() != '\n') {
            text += "\n";
        }
    }
    if (!command.options.empty()) {
        text += "\nOptions:\n" + format_options(command.options);
    }
    text += "\nGlobal options:\n" + format_options(global_option_specs());
    return text;
}

const std::vector<Command>& all_commands() {
    static const std::vector<Command> kCommands = {
        chat_command(),    exec_command(),     list_command(),        models_command(),
        plugins_command(), auth_command(),     login_alias_command(), logout_alias_command(),
        config_command(),  sessions_command(), mcp_command(),
    };
    return kCommands;
}

int run_cli(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    // The plugin scanner's child side (plugin_scanner.h): not a user command.
    if (args.size() == 3 && args[0] == "__scan-plugin" && args[2].rfind("--scan-home=", 0) == 0) {
        return run_plugin_scan(args[1], args[2].substr(12));
    }
    try {
        return run(args);
    } catch (const UsageError& e) {
        std::cerr << "klaude: " << e.what() << "\nRun 'klaude --help' for usage.\n";
        return kExitUsage;
    } catch (const PluginError& e) {
        std::cerr << "klaude: " << e.what() << "\n";
        return kExitFailure;
    } catch (const std::exception& e) {
        std::cerr << "klaude: " << e.what() << "\n";
        return kExitFailure;
    }
}

}  // namespace klaude::core
