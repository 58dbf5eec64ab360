// Choosing the model a command runs: by config name or ad hoc as PROVIDER/MODEL_ID.
#pragma once

#include <string>

#include "core/config/config.h"

namespace klaude::core {

struct ResolvedModel {
    ProviderConfig provider;  // the config provider (provider.protocol = plugin provider id)
    ModelConfig model;        // settings; for an ad hoc spec, those of a configured model with
                              // the same provider and model id when there is one
    bool ad_hoc = false;      // chosen as PROVIDER/MODEL_ID rather than by name
    // True when only the provider was named: model.model_id is empty and the provider's
    // catalog chooses (core/cli/model_choice.h).
    bool provider_default() const { return model.model_id.empty(); }
};

// The spec the command line and environment ask for, in precedence order: `command_line` (-m)
// when not empty, else `environment` ($KLAUDE_MODEL) when not null or empty, else "" (the
// config's default_model, which resolve_model applies).
std::string choose_model_spec(const std::string& command_line, const char* environment);

// Same, reading $KLAUDE_MODEL.
std::string choose_model_spec(const std::string& command_line);

// Resolves `spec`: a configured model name first ("fast"), else a configured provider alone
// ("codex": model_id left empty, see provider_default()), else PROVIDER/MODEL_ID (split at
// the first '/') through a configured provider ("openai/gpt-4.1"); "" means the config's
// default_model. Throws ConfigError with a line listing what exists.
ResolvedModel resolve_model(const Config& config, const std::string& spec);

}  // namespace klaude::core
