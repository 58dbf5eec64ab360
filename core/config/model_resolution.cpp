#include "core/config/model_resolution.h"

#include <cstdlib>

namespace klaude::core {

namespace {

std::string model_names(const Config& config) {
    std::string out;
    for (const auto& m : config.models) {
        out += (out.empty() ? "" : ", ") + m.name;
    }
    return out.empty() ? "(none)" : out;
}

std::string provider_ids(const Config& config) {
    std::string out;
    for (const auto& p : config.providers) {
        out += (out.empty() ? "" : ", ") + p.id;
    }
    return out.empty() ? "(none)" : out;
}

const ProviderConfig& provider_of(const Config& config, const ModelConfig& model) {
    const ProviderConfig* provider = config.find_provider(model.provider);
    if (provider == nullptr) {
        throw ConfigError("model \"" + model.name + "\" uses provider \"" + model.provider +
                          "\", which is not configured; providers: " + provider_ids(config) +
                          " (fix \"provider\" in the config or install the plugin)");
    }
    return *provider;
}

ResolvedModel resolve_spec(const Config& config, const std::string& spec) {
    if (const ModelConfig* model = config.find_model(spec)) {
        return ResolvedModel{provider_of(config, *model), *model, false};
    }
    const auto slash = spec.find('/');
    if (slash == std::string::npos) {
        if (const ProviderConfig* provider = config.find_provider(spec)) {
            // A provider alone: its catalog's first listed model, chosen by the caller.
            ResolvedModel resolved{*provider, {}, true};
            resolved.model.provider = provider->id;
            return resolved;
        }
        throw ConfigError(
            "unknown model \"" + spec + "\"; models: " + model_names(config) +
            "; or use PROVIDER/MODEL_ID with a provider from: " + provider_ids(config));
    }
    const std::string provider_id = spec.substr(0, slash);
    const std::string model_id = spec.substr(slash + 1);
    const ProviderConfig* provider = config.find_provider(provider_id);
    if (provider == nullptr) {
        throw ConfigError("unknown provider \"" + provider_id + "\" in \"" + spec +
                          "\"; providers: " + provider_ids(config) +
                          "; models: " + model_names(config));
    }
    if (model_id.empty()) {
        throw ConfigError("\"" + spec + "\" names no model id; expected " + provider_id +
                          "/MODEL_ID");
    }
    ResolvedModel resolved{*provider, {}, true};
    // A configured model with this provider and id keeps its settings (context window,
    // instructions...) when asked for by id.
    for (const auto& m : config.models) {
        if (m.provider == provider_id && m.model_id == model_id) {
            resolved.model = m;
            return resolved;
        }
    }
    resolved.model.name = spec;
    resolved.model.provider = provider_id;
    resolved.model.model_id = model_id;
    return resolved;
}

}  // namespace

std::string choose_model_spec(const std::string& command_line, const char* environment) {
    if (!command_line.empty()) {
        return command_line;
    }
    if (environment != nullptr && environment[0] != '\0') {
        return environment;
    }
    return {};
}

std::string choose_model_spec(const std::string& command_line) {
    return choose_model_spec(command_line, std::getenv("KLAUDE_MODEL"));
}

ResolvedModel resolve_model(const Config& config, const std::string& spec) {
    if (!spec.empty()) {
        return resolve_spec(config, spec);
    }
    if (config.default_model.empty()) {
        throw ConfigError(
            "no model chosen and no default_model configured; use -m MODEL "
            "(models: " +
            model_names(config) + ") or set default_model");
    }
    try {
        return resolve_spec(config, config.default_model);
    } catch (const ConfigError& e) {
        throw ConfigError(std::string("default_model: ") + e.what());
    }
}

}  // namespace klaude::core
