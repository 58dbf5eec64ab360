// The model catalogs klaude fetched, kept under $KLAUDE_HOME/cache/models/<provider>.json with
// the time they were fetched and the endpoint they came from, so commands need not ask the
// server each time and a dead network still has a recent list to fall back to.
//
// A cache entry belongs to one configured provider at one endpoint: pointing the provider
// elsewhere (base_url, $…_BASE_URL, options) makes the entry a miss, not a wrong answer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/catalog/model_catalog.h"

namespace klaude::core {

struct CachedCatalog {
    ModelCatalog catalog;
    int64_t fetched_at = 0;  // epoch seconds
};

class CatalogCache {
  public:
    // `home`: $KLAUDE_HOME. Nothing is touched until load or store.
    explicit CatalogCache(std::filesystem::path home);

    // The file of a configured provider (ids are sanitised for the file system).
    std::filesystem::path file_for(const std::string& provider_id) const;

    // The entry for `provider_id` fetched from `endpoint_key`, or nullopt when there is none,
    // it was fetched from another endpoint, or it is corrupt (a corrupt file is replaced by
    // the next store; a line goes to `problem` so the caller can log it). Never throws.
    std::optional<CachedCatalog> load(const std::string& provider_id,
                                      const std::string& endpoint_key,
                                      std::string* problem = nullptr) const;

    // Writes the entry atomically (0600 in a 0700 directory). Throws HomeError.
    void store(const std::string& provider_id, const std::string& endpoint_key,
               const ModelCatalog& catalog, int64_t fetched_at) const;

  private:
    std::filesystem::path dir_;
};

}  // namespace klaude::core
