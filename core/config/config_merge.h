// Merging a parsed config document over the configuration so far, by id (see
// config_loader.h for the rules users see).
#pragma once

#include "core/config/config.h"
#include "core/config/config_layer.h"

namespace klaude::core {

// Overlays `layer` on `config`. Throws ConfigError (naming layer.source and the JSON path)
// when a new provider has no protocol or a new model no provider.
void merge_config_layer(Config& config, const ConfigLayer& layer);

}  // namespace klaude::core
