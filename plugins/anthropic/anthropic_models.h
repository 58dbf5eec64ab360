// What klaude knows of the Claude model families, in one table keyed by id prefix (the longest
// matching prefix wins, so a new dated id of a known family gets its family's numbers), and the
// catalogs built from it:
//  - the live catalog: Anthropic's models list (GET /v1/models: {"data":[{"type":"model","id",
//    "display_name","created_at"}],"has_more","first_id","last_id"}, newest first) merged with
//    the table, since the list says nothing about context windows, output limits or thinking;
//  - the built-in catalog and model list of the plugin's descriptor: a snapshot, the host's
//    fallback when the server cannot be asked.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "klaude/sdk/descriptors.hpp"

namespace klaude::anthropic {

struct ModelFamily {
    const char* prefix;
    int64_t context_window;     // input tokens
    int64_t max_output_tokens;  // the most max_tokens may ask for
    bool thinking;              // takes "thinking": {"type":"enabled","budget_tokens":N}
};

// The family of `model_id`, or nullptr for a model klaude knows nothing about.
const ModelFamily* family_of(std::string_view model_id);

// The reasoning efforts a thinking model offers (the keys of the default budget table, plus
// "none"), in the order the catalog lists them.
const std::vector<const char*>& thinking_efforts();

// One page of the models list; throws sdk::Error(KLAUDE_ERROR_PROTOCOL) when `body` is not one.
struct ModelsPage {
    struct Model {
        std::string id;
        std::string display_name;
    };
    std::vector<Model> models;
    bool has_more = false;
    std::string last_id;
};
ModelsPage parse_models_page(std::string_view body);

// The catalog document (docs/plugin-authoring.md) for these models, in this order.
std::string catalog_json(const std::vector<ModelsPage::Model>& models);

// The descriptor's snapshot: the models and their catalog.
std::vector<sdk::ModelInfo> builtin_models();
std::string builtin_catalog_json();

}  // namespace klaude::anthropic
