// Where a command gets a provider's model catalog, and what it does when the server cannot
// answer:
//
//   1. the cache, when younger than the TTL (config catalog_ttl_s) and no refresh was asked;
//   2. the server, through the plugin's list_models (ABI 1.1), within a short timeout (config
//      catalog_timeout_ms), unless the provider says "list_models": false; a good answer
//      replaces the cache;
//   3. else the cache however old, else the plugin's built-in catalog (descriptor
//      catalog_json), else the descriptor's model list, with a one-line note saying why.
//
// A catalog is looked up at most once per provider per command.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/catalog/catalog_cache.h"
#include "core/catalog/model_catalog.h"
#include "core/config/config.h"
#include "core/plugin/descriptors.h"

namespace klaude::core {

enum class CatalogSource {
    kServer,      // fetched now
    kCache,       // the cache, younger than the TTL
    kStaleCache,  // the cache, older than the TTL: the server could not be asked
    kPlugin,      // the plugin's built-in catalog or model list
};
// "server", "cache", "stale-cache", "plugin" (docs/models-json.md).
const char* to_string(CatalogSource source);

struct ProviderCatalog {
    ModelCatalog catalog;  // may be empty: a plugin that offers no static models
    CatalogSource source = CatalogSource::kPlugin;
    int64_t fetched_at = 0;  // when the server answered (kServer and the caches), epoch s
    // One line for the user when the server's list could not be had (why, and what is used
    // instead); "" when all went well or the provider has no live list (ABI 1.0, no login).
    std::string note;
};

// Asks the server for the catalog JSON of a configured provider within the timeout. Throws
// PluginError (KLAUDE_ERROR_UNSUPPORTED when the provider cannot list models).
using CatalogFetcher =
    std::function<std::string(const ProviderConfig& provider, std::chrono::milliseconds timeout)>;

class ModelCatalogs {
  public:
    struct Settings {
        std::chrono::seconds ttl{300};
        std::chrono::milliseconds timeout{5000};
    };

    ModelCatalogs(CatalogCache cache, CatalogFetcher fetch, std::function<int64_t()> now,
                  Settings settings);

    // The catalog of `provider`, whose plugin provider is `descriptor` (null: not loaded; only
    // the cache can answer). `refresh` skips a young cache. Never throws for a server, cache
    // or catalog problem: those become the note.
    const ProviderCatalog& get(const ProviderConfig& provider, const ProviderDescriptor* descriptor,
                               bool refresh = false);

    // What identifies the endpoint a provider's catalog came from: its effective base URL and
    // a digest of the rest of its configuration (headers may hold secrets: not stored).
    static std::string endpoint_key(const ProviderConfig& provider);

  private:
    ProviderCatalog lookup(const ProviderConfig& provider, const ProviderDescriptor* descriptor,
                           bool refresh);

    CatalogCache cache_;
    CatalogFetcher fetch_;
    std::function<int64_t()> now_;
    Settings settings_;
    std::map<std::string, ProviderCatalog> looked_up_;
};

// The plugin's own list: its built-in catalog when it has a valid one, else its model list
// (listed, in descriptor order). `problem` receives a line when the built-in catalog is bad.
ModelCatalog static_catalog(const ProviderDescriptor& descriptor, std::string* problem = nullptr);

// "3 min ago", "2 h ago", "5 days ago" for a fetch time.
std::string age_text(int64_t fetched_at, int64_t now);

}  // namespace klaude::core
