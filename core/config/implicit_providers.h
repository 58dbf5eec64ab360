// Plugin providers the config does not mention still work: each gets an implicit config
// provider named after it, carrying the models its descriptor offers, so installing a plugin
// needs no config edit. The CLI calls these once per loaded plugin provider, after loading
// the config.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config/config.h"

namespace klaude::core {

// A model as a plugin provider's descriptor offers it (klaude_model_info_t); 0 = unknown.
struct PluginModel {
    std::string id;
    uint64_t context_window = 0;
    uint64_t max_output_tokens = 0;
};

// When no config provider uses `plugin_provider_id` as its protocol and none has it as its id,
// adds provider {id = protocol = plugin_provider_id, implicit = true} and one model per entry
// of `models`, named by its id (or "PLUGIN/ID" when a model of that name already exists).
// Returns whether it added the provider.
bool add_implicit_provider(Config& config, const std::string& plugin_provider_id,
                           const std::vector<PluginModel>& models);

// Configured models on providers using `plugin_provider_id` as protocol that leave
// context_window / max_output_tokens unset take them from the descriptor's model of the same
// id, so a user entry without numbers still knows its context size.
void fill_model_limits(Config& config, const std::string& plugin_provider_id,
                       const std::vector<PluginModel>& models);

}  // namespace klaude::core
