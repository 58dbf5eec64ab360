// `klaude list`: the configured providers (with the login state of those that have a login)
// and the models, the default one marked.
#include <algorithm>
#include <iostream>
#include <vector>

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

// Prints rows with every column but the last padded to its widest cell.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                 const std::string& indent) {
    std::vector<size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const auto& row : rows) {
        std::string line = indent;
        for (size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) {
                line += std::string(widths[i] - row[i].size() + 2, ' ');
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out << line << "\n";
    }
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
        models.push_back({model.name == default_name ? "*" : "", model.name,
                          model.provider + "/" + model.model_id, context_size(model)});
    }
    out << "Models (* = default):\n";
    print_table(out, models, "  ");
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
