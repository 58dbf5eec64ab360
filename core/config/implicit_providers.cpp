#include "core/config/implicit_providers.h"

namespace klaude::core {

namespace {

std::optional<uint64_t> known(uint64_t tokens) {
    return tokens == 0 ? std::nullopt : std::optional<uint64_t>(tokens);
}

}  // namespace

bool add_implicit_provider(Config& config, const std::string& plugin_provider_id,
                           const std::vector<PluginModel>& models) {
    for (const auto& p : config.providers) {
        if (p.protocol == plugin_provider_id || p.id == plugin_provider_id) {
            return false;
        }
    }
    ProviderConfig provider;
    provider.id = plugin_provider_id;
    provider.protocol = plugin_provider_id;
    provider.implicit = true;
    config.providers.push_back(std::move(provider));
    for (const auto& pm : models) {
        if (pm.id.empty()) {
            continue;
        }
        ModelConfig model;
        // The plain id is what users type; on a clash the PROVIDER/MODEL_ID form, which -m
        // would resolve to the same model anyway.
        model.name = config.find_model(pm.id) == nullptr ? pm.id : plugin_provider_id + "/" + pm.id;
        if (config.find_model(model.name) != nullptr) {
            continue;
        }
        model.provider = plugin_provider_id;
        model.model_id = pm.id;
        model.context_window = known(pm.context_window);
        model.max_output_tokens = known(pm.max_output_tokens);
        model.implicit = true;
        config.models.push_back(std::move(model));
    }
    return true;
}

void fill_model_limits(Config& config, const std::string& plugin_provider_id,
                       const std::vector<PluginModel>& models) {
    for (auto& model : config.models) {
        const ProviderConfig* provider = config.find_provider(model.provider);
        if (provider == nullptr || provider->protocol != plugin_provider_id) {
            continue;
        }
        for (const auto& pm : models) {
            if (pm.id != model.model_id) {
                continue;
            }
            if (!model.context_window) {
                model.context_window = known(pm.context_window);
            }
            if (!model.max_output_tokens) {
                model.max_output_tokens = known(pm.max_output_tokens);
            }
            break;
        }
    }
}

}  // namespace klaude::core
