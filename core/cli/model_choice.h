// Choosing a model with the providers' catalogs (core/catalog): the model a spec names (or the
// provider's first listed model when only a provider is named), what the catalog knows about
// it, the turn settings that knowledge implies, and the one line a refusal becomes.
#pragma once

#include <optional>
#include <string>

#include "core/agent/conversation.h"
#include "core/catalog/model_catalog.h"
#include "core/cli/app.h"
#include "core/config/model_resolution.h"

namespace klaude::core {

struct ModelChoice {
    ResolvedModel resolved;            // model.model_id is set
    std::optional<CatalogModel> info;  // the catalog's entry for it, when it has one
};

// Resolves `spec` (model_resolution.h); then a provider alone becomes its catalog's first
// listed model, and a bare name that is neither a configured model nor a provider is looked up
// as a model id in the catalogs (the default provider's first). Throws ConfigError naming what
// exists and `klaude models`.
ModelChoice choose_model(App& app, const std::string& spec);

// Fills what the user left unset from the catalog entry (context window, default reasoning
// effort, summary and verbosity, parallel tool calls) and checks the reasoning effort against
// the model's supported levels. Throws ConfigError naming them.
void apply_catalog_settings(const CatalogModel& info, const std::string& provider_id,
                            TurnSettings& settings);

// The line for a model the server refused (KLAUDE_ERROR_MODEL_UNAVAILABLE): the server's words,
// the catalog's upgrade target for it or its listed models (refreshed first), and
// `klaude models PROVIDER --refresh`.
std::string model_refusal_message(App& app, const ResolvedModel& model,
                                  const std::string& server_message);

}  // namespace klaude::core
