// `klaude list`: the configured providers (with the login state of those that have a login),
// the configured models, and the models each provider's catalog lists (core/catalog), with
// context window and reasoning levels; the default one marked. `klaude models` shows more.
#include <algorithm>
#include <iostream>
#include <vector>

#include "core/cli/auth_status_line.h"
#include "core/cli/command.h"
#include "core/cli/model_choice.h"
#include "core/cli/model_table.h"

namespace klaude::core {

namespace {

int run_list(App& app, const ParsedArgs& args) {
    (void)args;
    const Config& config = app.config();
    std::ostream& out = std::cout;

    // The default model, chosen the same way `exec` chooses it.
    std::string default_provider, default_id;
    try {
        const ModelChoice choice = choose_model(app, choose_model_spec(""));
        default_provider = choice.resolved.provider.id;
        default_id = choice.resolved.model.model_id;
    } catch (const std::exception&) {
        // An unusable default model is reported by the commands that need it.
    }
    auto is_default = [&](const std::string& provider, const std::string& id) {
        return provider == default_provider && id == default_id;
    };

    // Rows first, then printed with aligned columns.
    std::vector<std::vector<std::string>> providers;
    for (const ProviderConfig& provider : config.providers) {
        const PluginRegistry::Provider* plugin = app.plugin_for(provider);
        std::vector<std::string> row = {provider.id, "(" + provider.protocol + ")"};
        if (plugin == nullptr) {
            row.push_back("unavailable: no loaded plugin provides '" + provider.protocol + "'");
        } else if (plugin->descriptor->auth) {
            row.push_back(auth_status_line(app, provider));
        } else if (provider.api_key_env) {
            row.push_back("key from $" + *provider.api_key_env);
        } else {
            row.push_back("");
        }
        providers.push_back(std::move(row));
    }
    out << "Providers:\n";
    print_table(out, providers, "  ");

    std::vector<std::vector<std::string>> models;
    for (const ModelConfig& model : config.models) {
        if (model.implicit) {
            continue;  // an unconfigured plugin's model: listed with its catalog below
        }
        models.push_back({is_default(model.provider, model.model_id) ? "*" : "", model.name,
                          model.provider + "/" + model.model_id,
                          context_text(model.context_window.value_or(0))});
    }
    for (const ProviderConfig& provider : config.providers) {
        if (app.plugin_for(provider) == nullptr) {
            continue;
        }
        // An overview: why a list is not the server's (a local server that is off, say) is
        // for `klaude models` to say; here it goes to the log (-v).
        for (const CatalogModel& m :
             app.catalog(provider, /*refresh=*/false, /*quiet=*/true).catalog.models) {
            if (m.listed) {
                models.push_back({is_default(provider.id, m.id) ? "*" : "",
                                  provider.id + "/" + m.id, context_text(m.context_window),
                                  reasoning_text(m)});
            }
        }
    }
    out << "Models (* = default; 'klaude models' for details):\n";
    print_table(out, models, "  ");
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
