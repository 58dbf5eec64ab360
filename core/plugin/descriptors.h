// Host-side copies of what a plugin describes about itself. The loader validates the plugin's
// C descriptors once and copies them here, so the rest of the host never reads plugin memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "klaude/abi/auth.h"

namespace klaude::core {

struct ModelDescriptor {
    std::string id;
    std::string display_name;
    uint32_t context_window = 0;
    uint32_t max_output_tokens = 0;
    uint32_t capabilities = 0;  // KLAUDE_MODEL_*
};

struct OptionDescriptor {
    std::string name;
    klaude_option_type_t type = KLAUDE_OPTION_FLAG;
    std::string value_name;
    std::string help;
};

struct AuthDescriptor {
    std::string summary;
    std::vector<OptionDescriptor> login_options;
    std::vector<OptionDescriptor> logout_options;
};

struct ProviderDescriptor {
    std::string id;
    std::string display_name;
    std::string protocol;
    std::string description;
    std::vector<ModelDescriptor> models;
    // ABI 1.1: the plugin's built-in model catalog (JSON, unparsed), "" when it has none.
    std::string catalog_json;
    std::optional<AuthDescriptor> auth;  // set when the plugin has an auth hook for it
};

}  // namespace klaude::core
