#include "core/cli/model_choice.h"

#include <algorithm>

namespace klaude::core {

namespace {

std::string join(const std::vector<std::string>& items, size_t limit = 8) {
    std::string out;
    for (size_t i = 0; i < items.size() && i < limit; ++i) {
        out += (i == 0 ? "" : ", ") + items[i];
    }
    if (items.size() > limit) {
        out += ", …";
    }
    return out;
}

std::vector<std::string> listed_ids(const ModelCatalog& catalog) {
    std::vector<std::string> ids;
    for (const CatalogModel& m : catalog.models) {
        if (m.listed) {
            ids.push_back(m.id);
        }
    }
    return ids;
}

// The provider the default model belongs to, searched first for a bare model id.
const ProviderConfig* default_provider(const Config& config) {
    try {
        return config.find_provider(resolve_model(config, "").provider.id);
    } catch (const ConfigError&) {
        return nullptr;
    }
}

std::optional<ModelChoice> find_in_catalogs(App& app, const std::string& id) {
    const Config& config = app.config();
    std::vector<const ProviderConfig*> order;
    if (const ProviderConfig* first = default_provider(config)) {
        order.push_back(first);
    }
    for (const ProviderConfig& p : config.providers) {
        if (std::find(order.begin(), order.end(), &p) == order.end()) {
            order.push_back(&p);
        }
    }
    for (const ProviderConfig* provider : order) {
        if (provider == nullptr || app.plugin_for(*provider) == nullptr) {
            continue;
        }
        // Quiet: a provider that cannot be asked is not this search's news.
        if (const CatalogModel* m =
                app.catalog(*provider, false, /*quiet=*/true).catalog.find(id)) {
            ModelChoice choice;
            choice.resolved.provider = *provider;
            choice.resolved.model.name = provider->id + "/" + id;
            choice.resolved.model.provider = provider->id;
            choice.resolved.model.model_id = id;
            choice.resolved.ad_hoc = true;
            choice.info = *m;
            return choice;
        }
    }
    return std::nullopt;
}

}  // namespace

ModelChoice choose_model(App& app, const std::string& spec) {
    ModelChoice choice;
    try {
        choice.resolved = resolve_model(app.config(), spec);
    } catch (const ConfigError& e) {
        if (spec.empty() || spec.find('/') != std::string::npos) {
            throw;
        }
        if (auto found = find_in_catalogs(app, spec)) {
            return *found;
        }
        throw ConfigError(std::string(e.what()) + "; 'klaude models' lists the models");
    }
    ResolvedModel& resolved = choice.resolved;
    if (app.plugin_for(resolved.provider) == nullptr) {
        return choice;  // the caller reports the missing plugin
    }
    // When the user named the model, the catalog only adds what it knows of it: a server that
    // cannot list its models then is worth a log line, not a note on every run.
    const bool named = !resolved.provider_default();
    const ModelCatalog& catalog = app.catalog(resolved.provider, false, /*quiet=*/named).catalog;
    if (resolved.provider_default()) {
        const CatalogModel* first = catalog.first_listed();
        if (first == nullptr) {
            throw ConfigError("provider '" + resolved.provider.id +
                              "' lists no models; try 'klaude models " + resolved.provider.id +
                              " --refresh', or name one: -m " + resolved.provider.id + "/MODEL_ID");
        }
        resolved.model.model_id = first->id;
        resolved.model.name = resolved.provider.id + "/" + first->id;
    }
    if (const CatalogModel* m = catalog.find(resolved.model.model_id)) {
        choice.info = *m;
    }
    return choice;
}

void apply_catalog_settings(const CatalogModel& info, const std::string& provider_id,
                            TurnSettings& settings) {
    if (settings.context_window == 0) {
        settings.context_window = info.context_window;
    }
    settings.accepts_images = info.accepts_images();
    if (settings.reasoning_effort && !info.reasoning_efforts.empty() &&
        std::find(info.reasoning_efforts.begin(), info.reasoning_efforts.end(),
                  *settings.reasoning_effort) == info.reasoning_efforts.end()) {
        throw ConfigError("model " + provider_id + "/" + info.id +
                          " supports the reasoning efforts " + join(info.reasoning_efforts, 16) +
                          ", not '" + *settings.reasoning_effort +
                          "' (set it with -c reasoning_effort=LEVEL or in the config)");
    }
    if (!settings.reasoning_effort && !info.default_reasoning_effort.empty()) {
        settings.reasoning_effort = info.default_reasoning_effort;
    }
    if (!settings.reasoning_summary && info.has_capability("reasoning_summaries")) {
        settings.reasoning_summary =
            info.default_reasoning_summary.empty() ? "auto" : info.default_reasoning_summary;
    }
    if (settings.reasoning_summary && *settings.reasoning_summary == "none") {
        settings.reasoning_summary.reset();
    }
    if (!settings.verbosity && !info.default_verbosity.empty()) {
        settings.verbosity = info.default_verbosity;
    }
    settings.parallel_tool_calls = info.parallel_tool_calls();
}

std::string model_refusal_message(App& app, const ResolvedModel& model,
                                  const std::string& server_message) {
    const std::string& provider = model.provider.id;
    std::string line = provider + " does not serve model '" + model.model.model_id + "'";
    if (!server_message.empty()) {
        line += " (" + server_message + ")";
    }
    // The list that answered before may be what is out of date: ask the server again.
    const ModelCatalog& catalog = app.catalog(model.provider, /*refresh=*/true).catalog;
    const CatalogModel* known = catalog.find(model.model.model_id);
    if (known != nullptr && !known->upgrade_model.empty()) {
        line += "; it was replaced by " + known->upgrade_model + ": use -m " + provider + "/" +
                known->upgrade_model;
    } else if (std::vector<std::string> ids = listed_ids(catalog); !ids.empty()) {
        line += "; models " + provider + " lists: " + join(ids) + " (use -m " + provider + "/" +
                ids.front() + ")";
    }
    return line + "; see 'klaude models " + provider + " --refresh'";
}

}  // namespace klaude::core
