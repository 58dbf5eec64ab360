// `klaude list`: the configured providers (with the login state of those that have a login)
// and the models, the default one marked.
#include <iostream>

#include "core/cli/auth_status_line.h"
#include "core/cli/command.h"
#include "core/config/model_resolution.h"

namespace klaude::core {

namespace {

std::string context_size(const ModelConfig& model) {
    if (!model.context_window || *model.context_window == 0) {
        return "";
    }
    const uint64_t tokens = *model.context_window;
    return tokens >= 1000 ? std::to_string(tokens / 1000) + "k context"
                          : std::to_string(tokens) + " context";
}

int run_list(App& app, const ParsedArgs& args) {
    (void)args;
    const Config& config = app.config();
    std::ostream& out = std::cout;

    // The default model, resolved the same way `exec` resolves it.
    std::string default_name;
    try {
        const ResolvedModel resolved = resolve_model(config, choose_model_spec(""));
        default_name = resolved.ad_hoc ? resolved.provider.id + "/" + resolved.model.model_id
                                       : resolved.model.name;
    } catch (const std::exception&) {
        // An unusable default model is reported by the commands that need it.
    }

    out << "Providers:\n";
    for (const ProviderConfig& provider : config.providers) {
        const PluginRegistry::Provider* plugin = app.plugin_for(provider);
        out << "  " << provider.id;
        if (provider.protocol != provider.id) {
            out << "  (" << provider.protocol << ")";
        }
        if (plugin == nullptr) {
            out << "  unavailable: no loaded plugin provides '" << provider.protocol << "'\n";
            continue;
        }
        if (plugin->descriptor->auth) {
            out << "  " << auth_status_line(app, provider) << "\n";
        } else if (provider.api_key_env) {
            out << "  key from $" << *provider.api_key_env << "\n";
        } else {
            out << "\n";
        }
    }

    out << "Models (* = default):\n";
    for (const ModelConfig& model : config.models) {
        const bool is_default = model.name == default_name;
        out << (is_default ? "  * " : "    ") << model.name << "  " << model.provider << "/"
            << model.model_id;
        const std::string context = context_size(model);
        if (!context.empty()) {
            out << "  " << context;
        }
        out << "\n";
    }
    if (!default_name.empty() && config.find_model(default_name) == nullptr) {
        out << "  * " << default_name << "\n";
    }
    return kExitOk;
}

}  // namespace

Command list_command() {
    Command command;
    command.name = "list";
    command.usage = "klaude list [options]";
    command.summary = "list providers (with login state) and models";
    command.run = &run_list;
    return command;
}

}  // namespace klaude::core
