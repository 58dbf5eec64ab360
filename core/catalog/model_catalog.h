// A provider's model catalog as the host holds it: what a plugin's list_models answers (ABI
// 1.1), what the cache keeps, and what a descriptor's catalog_json or model list becomes.
// The JSON schema is documented for plugin authors in docs/plugin-authoring.md ("The model
// catalog"); this file is its one parser and writer.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace klaude::core {

// A catalog that cannot be used (not JSON, too large, no models, duplicate ids...). what() is
// one line without the provider's name: the caller adds it.
class CatalogError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct CatalogModel {
    std::string id;
    std::string display_name;  // never empty: the id when the catalog has none
    std::string description;
    uint64_t context_window = 0;     // input tokens; 0 = unknown
    uint64_t max_output_tokens = 0;  // 0 = unknown
    bool listed = true;              // visibility "list"; hidden models work by id
    std::optional<int64_t> priority; // lower first; models without come last, in catalog order
    std::vector<std::string> reasoning_efforts;  // empty: no reasoning, or unknown
    std::string default_reasoning_effort;
    std::string default_reasoning_summary;
    std::string default_verbosity;  // empty: the model takes no verbosity, or unknown
    std::vector<std::string> input_modalities;  // "text", "image"; empty = unknown
    std::vector<std::string> capabilities;      // "reasoning", "tools", "images", ...
    std::string upgrade_model;                  // the model that replaces this one, if any
    std::string upgrade_message;

    bool has_capability(std::string_view name) const;
    // Images only where the catalog says so: "image" in input_modalities, or the "images"
    // capability when the modalities are unknown.
    bool accepts_images() const;
    // Parallel tool calls unless the catalog says the model has none.
    bool parallel_tool_calls() const;
};

struct ModelCatalog {
    std::vector<CatalogModel> models;  // in display order (priority, then catalog order)

    const CatalogModel* find(std::string_view id) const;
    // The first listed model: a provider's default when nothing else chooses one.
    const CatalogModel* first_listed() const;
    size_t listed_count() const;
};

// The largest catalog document accepted (a real one is tens of KB).
inline constexpr size_t kMaxCatalogJsonBytes = 4u << 20;

// Parses a catalog document. Unknown fields are ignored; models are ordered by priority.
// Throws CatalogError: not JSON, larger than kMaxCatalogJsonBytes, no "models" array, no
// models, a model without an id, two models with the same id.
ModelCatalog parse_catalog(std::string_view json);

// The catalog as a JSON document parse_catalog reads back unchanged.
std::string catalog_to_json(const ModelCatalog& catalog);

}  // namespace klaude::core
