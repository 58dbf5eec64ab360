// `klaude auth login|logout|status [PROVIDER] [options]`, and the `klaude login` / `klaude
// logout` aliases. The host knows nothing about how a provider logs in: it parses the options
// the plugin's auth descriptor declares, passes them on as JSON, and prints what comes back.
#include <algorithm>
#include <iostream>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/cli/auth_status_line.h"
#include "core/cli/command.h"
#include "core/plugin/plugin_auth.h"

namespace klaude::core {

namespace {

struct AuthTarget {
    const ProviderConfig* provider = nullptr;
    const PluginRegistry::Provider* plugin = nullptr;
};

// Pulls the global options out of `args` (they may appear anywhere), leaving the rest.
GlobalOptions extract_global_options(std::vector<std::string>& args) {
    std::vector<std::string> kept;
    ParsedArgs globals;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto takes = [&](const std::string& name) {
            if (arg == "--" + name) {
                if (i + 1 >= args.size()) {
                    throw UsageError("option '--" + name + "' needs a value");
                }
                globals.add(name, args[++i]);
                return true;
            }
            if (arg.rfind("--" + name + "=", 0) == 0) {
                globals.add(name, arg.substr(name.size() + 3));
                return true;
            }
            return false;
        };
        if (takes("plugin-dir") || takes("log-file")) {
            continue;
        }
        if (arg == "-v" || arg == "--verbose") {
            globals.add("verbose", "");
        } else if (arg == "-vv") {
            globals.add("verbose", "");
            globals.add("verbose", "");
        } else if (arg == "-y" || arg == "--yes") {
            globals.add("yes", "");
        } else {
            kept.push_back(arg);
        }
    }
    args = std::move(kept);
    return read_global_options(globals);
}

std::string providers_with_login(App& app) {
    std::string names;
    for (const ProviderConfig& provider : app.config().providers) {
        const PluginRegistry::Provider* plugin = app.plugin_for(provider);
        if (plugin != nullptr && plugin->descriptor->auth) {
            names += (names.empty() ? "" : ", ") + provider.id;
        }
    }
    return names.empty() ? "(none)" : names;
}

AuthTarget find_target(App& app, const std::string& id) {
    AuthTarget target;
    if (id.empty()) {
        // No provider named: the only one with a login (codex, out of the box).
        for (const ProviderConfig& provider : app.config().providers) {
            const PluginRegistry::Provider* plugin = app.plugin_for(provider);
            if (plugin != nullptr && plugin->descriptor->auth) {
                if (target.provider != nullptr) {
                    throw UsageError("several providers have a login (" +
                                     providers_with_login(app) + "); name one");
                }
                target = {&provider, plugin};
            }
        }
        if (target.provider == nullptr) {
            throw UsageError("no loaded provider has a login; see 'klaude list'");
        }
        return target;
    }
    target.provider = &app.provider(id);
    target.plugin = app.plugin_for(*target.provider);
    if (target.plugin == nullptr) {
        throw std::runtime_error("provider '" + id + "' needs plugin provider '" +
                                 target.provider->protocol +
                                 "', which is not loaded; see 'klaude plugins'");
    }
    if (!target.plugin->descriptor->auth) {
        std::string how = target.provider->api_key_env
                              ? " (it reads its key from $" + *target.provider->api_key_env + ")"
                              : "";
        throw UsageError("provider '" + id + "' has no login" + how +
                         "; providers with a login: " + providers_with_login(app));
    }
    return target;
}

std::vector<OptionSpec> to_specs(const std::vector<OptionDescriptor>& options) {
    std::vector<OptionSpec> specs;
    for (const OptionDescriptor& o : options) {
        OptionSpec spec;
        spec.name = o.name;
        spec.takes_value = o.type != KLAUDE_OPTION_FLAG;
        spec.value_name =
            o.value_name.empty() ? (o.type == KLAUDE_OPTION_INTEGER ? "N" : "VALUE") : o.value_name;
        spec.help = o.help;
        specs.push_back(std::move(spec));
    }
    return specs;
}

// {"no-browser":true,"port":1455}: the declared options the user gave, typed.
std::string options_json(const std::vector<OptionDescriptor>& options, const ParsedArgs& args) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    for (const OptionDescriptor& o : options) {
        auto value = args.value(o.name);
        if (!value) {
            continue;
        }
        writer.Key(o.name.c_str());
        switch (o.type) {
            case KLAUDE_OPTION_FLAG:
                writer.Bool(true);
                break;
            case KLAUDE_OPTION_INTEGER: {
                size_t used = 0;
                long long number = 0;
                try {
                    number = std::stoll(*value, &used);
                } catch (const std::exception&) {
                    used = 0;
                }
                if (used == 0 || used != value->size()) {
                    throw UsageError("option '--" + o.name + "' needs a whole number, not '" +
                                     *value + "'");
                }
                writer.Int64(number);
                break;
            }
            default:
                writer.String(value->c_str());
                break;
        }
    }
    writer.EndObject();
    return buffer.GetString();
}

std::string subcommand_help(const std::string& action, const std::string& provider,
                            const AuthDescriptor* auth) {
    std::string text = "Usage: klaude auth " + action + " " +
                       (provider.empty() ? "[PROVIDER]" : provider) + " [options]\n";
    if (auth != nullptr && !auth->summary.empty()) {
        text += "\n" + auth->summary + "\n";
    }
    if (auth != nullptr) {
        const auto& options = action == "login" ? auth->login_options : auth->logout_options;
        if (!options.empty()) {
            text += "\nOptions of " + provider + ":\n" + format_options(to_specs(options));
        }
    }
    text += "\nGlobal options:\n" + format_options(global_option_specs());
    return text;
}

int run_action(const std::string& action, std::vector<std::string> args, GlobalOptions globals) {
    // Global options given before the command name come first, then those among the args.
    GlobalOptions more = extract_global_options(args);
    globals.verbose += more.verbose;
    globals.yes = globals.yes || more.yes;
    if (more.log_file) {
        globals.log_file = more.log_file;
    }
    globals.plugin_dirs.insert(globals.plugin_dirs.end(), more.plugin_dirs.begin(),
                               more.plugin_dirs.end());
    App app(globals);
    app.configure_logging();

    std::string provider_id;
    if (!args.empty() && !args.front().empty() && args.front()[0] != '-') {
        provider_id = args.front();
        args.erase(args.begin());
    }
    const bool wants_help = std::find(args.begin(), args.end(), "--help") != args.end() ||
                            std::find(args.begin(), args.end(), "-h") != args.end();
    if (wants_help && provider_id.empty()) {
        // Help for the default provider when there is exactly one with a login.
        try {
            AuthTarget target = find_target(app, "");
            std::cout << subcommand_help(action, target.provider->id,
                                         &*target.plugin->descriptor->auth);
        } catch (const std::exception&) {
            std::cout << subcommand_help(action, "", nullptr);
        }
        return kExitOk;
    }

    AuthTarget target = find_target(app, provider_id);
    const AuthDescriptor& auth = *target.plugin->descriptor->auth;
    if (wants_help) {
        std::cout << subcommand_help(action, target.provider->id, &auth);
        return kExitOk;
    }
    const std::vector<OptionDescriptor> none;
    const auto& declared = action == "login"    ? auth.login_options
                           : action == "logout" ? auth.logout_options
                                                : none;
    ParsedArgs parsed = parse_args(args, to_specs(declared));
    if (!parsed.positionals().empty()) {
        throw UsageError("unexpected argument '" + parsed.positionals().front() + "'");
    }

    PluginAuth hook(target.plugin->plugin, target.provider->protocol,
                    to_plugin_json(*target.provider));
    if (action == "status") {
        AuthStatusInfo status = hook.status();
        std::cout << target.provider->id << ": "
                  << describe_auth_status(status, target.provider->id) << "\n";
        if (!status.detail.empty() && status.state != KLAUDE_AUTH_INVALID) {
            std::cout << "  " << status.detail << "\n";
        }
        return status.state == KLAUDE_AUTH_NOT_LOGGED_IN || status.state == KLAUDE_AUTH_INVALID
                   ? kExitFailure
                   : kExitOk;
    }
    const std::string json = options_json(declared, parsed);
    if (action == "login") {
        hook.login(json);
        std::cout << target.provider->id << ": "
                  << describe_auth_status(hook.status(), target.provider->id) << "\n";
    } else {
        hook.logout(json);
    }
    return kExitOk;
}

int run_auth(App& app, const ParsedArgs& args) {
    (void)app;
    std::vector<std::string> rest = args.positionals();
    if (rest.empty() || rest.front() == "--help" || rest.front() == "-h") {
        std::cout << command_help(auth_command());
        return rest.empty() ? kExitUsage : kExitOk;
    }
    const std::string action = rest.front();
    if (action != "login" && action != "logout" && action != "status") {
        throw UsageError("unknown auth action '" + action + "' (login, logout, status)");
    }
    rest.erase(rest.begin());
    return run_action(action, std::move(rest), read_global_options(args));
}

int run_login_alias(App& app, const ParsedArgs& args) {
    (void)app;
    return run_action("login", args.positionals(), read_global_options(args));
}

int run_logout_alias(App& app, const ParsedArgs& args) {
    (void)app;
    return run_action("logout", args.positionals(), read_global_options(args));
}

}  // namespace

Command auth_command() {
    Command command;
    command.name = "auth";
    command.usage = "klaude auth login|logout|status [PROVIDER] [options]";
    command.summary = "log in to, log out of, or show the login of a provider";
    command.details =
        "PROVIDER is a configured provider id (see 'klaude list'); without it, the only\n"
        "provider with a login is used. Each provider declares its own options:\n"
        "'klaude auth login PROVIDER --help' shows them.\n";
    command.raw_arguments = true;
    command.run = &run_auth;
    return command;
}

Command login_alias_command() {
    Command command;
    command.name = "login";
    command.usage = "klaude login [PROVIDER] [options]";
    command.summary = "same as 'klaude auth login'";
    command.raw_arguments = true;
    command.run = &run_login_alias;
    return command;
}

Command logout_alias_command() {
    Command command;
    command.name = "logout";
    command.usage = "klaude logout [PROVIDER] [options]";
    command.summary = "same as 'klaude auth logout'";
    command.raw_arguments = true;
    command.run = &run_logout_alias;
    return command;
}

}  // namespace klaude::core
