#include "core/catalog/model_catalogs.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>

#include "core/log/logger.h"
#include "core/plugin/plugin_client.h"
#include "klaude/abi/provider.h"

namespace klaude::core {

namespace {

std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    return text;
}

}  // namespace

const char* to_string(CatalogSource source) {
    switch (source) {
        case CatalogSource::kServer:
            return "server";
        case CatalogSource::kCache:
            return "cache";
        case CatalogSource::kStaleCache:
            return "stale-cache";
        case CatalogSource::kPlugin:
            return "plugin";
    }
    return "plugin";
}

std::string age_text(int64_t fetched_at, int64_t now) {
    const int64_t seconds = std::max<int64_t>(0, now - fetched_at);
    if (seconds < 60) {
        return "just now";
    }
    if (seconds < 3600) {
        return std::to_string(seconds / 60) + " min ago";
    }
    if (seconds < 2 * 86400) {
        return std::to_string(seconds / 3600) + " h ago";
    }
    return std::to_string(seconds / 86400) + " days ago";
}

ModelCatalog static_catalog(const ProviderDescriptor& descriptor, std::string* problem) {
    if (!descriptor.catalog_json.empty()) {
        try {
            return parse_catalog(descriptor.catalog_json);
        } catch (const CatalogError& e) {
            if (problem != nullptr) {
                *problem = "the built-in catalog of provider '" + descriptor.id +
                           "' is unusable (" + e.what() + ")";
            }
        }
    }
    ModelCatalog catalog;
    for (const ModelDescriptor& d : descriptor.models) {
        if (catalog.find(d.id) != nullptr) {
            continue;
        }
        CatalogModel m;
        m.id = d.id;
        m.display_name = d.display_name.empty() ? d.id : d.display_name;
        m.context_window = d.context_window;
        m.max_output_tokens = d.max_output_tokens;
        if (d.capabilities & KLAUDE_MODEL_REASONING) {
            m.capabilities.push_back("reasoning");
        }
        if (d.capabilities & KLAUDE_MODEL_TOOLS) {
            m.capabilities.push_back("tools");
        }
        if (d.capabilities & KLAUDE_MODEL_IMAGES) {
            m.capabilities.push_back("images");
        }
        catalog.models.push_back(std::move(m));
    }
    return catalog;
}

ModelCatalogs::ModelCatalogs(CatalogCache cache, CatalogFetcher fetch, std::function<int64_t()> now,
                             Settings settings)
    : cache_(std::move(cache)),
      fetch_(std::move(fetch)),
      now_(std::move(now)),
      settings_(settings) {}

std::string ModelCatalogs::endpoint_key(const ProviderConfig& provider) {
    Poco::SHA1Engine sha1;
    sha1.update(to_plugin_json(provider));
    return effective_base_url(provider).value_or("(plugin default)") + "#" +
           Poco::DigestEngine::digestToHex(sha1.digest()).substr(0, 16);
}

const ProviderCatalog& ModelCatalogs::get(const ProviderConfig& provider,
                                          const ProviderDescriptor* descriptor, bool refresh) {
    auto it = looked_up_.find(provider.id);
    if (it == looked_up_.end() || (refresh && it->second.source != CatalogSource::kServer)) {
        it = looked_up_.insert_or_assign(provider.id, lookup(provider, descriptor, refresh)).first;
    }
    return it->second;
}

ProviderCatalog ModelCatalogs::lookup(const ProviderConfig& provider,
                                      const ProviderDescriptor* descriptor, bool refresh) {
    const std::string key = endpoint_key(provider);
    const int64_t now = now_();
    std::string problem;
    std::optional<CachedCatalog> cached = cache_.load(provider.id, key, &problem);
    if (!problem.empty()) {
        log_warning(problem);
    }
    const auto ttl = static_cast<int64_t>(settings_.ttl.count());
    if (cached && !refresh && now >= cached->fetched_at && now - cached->fetched_at < ttl) {
        return {std::move(cached->catalog), CatalogSource::kCache, cached->fetched_at, ""};
    }

    // Why the server's list could not be had, for the note; "" when that is expected.
    std::string why;
    if (descriptor == nullptr) {
        why = "its plugin is not loaded";
    } else if (!provider.list_models) {
        // Configured not to ask: the plugin's list, quietly.
    } else {
        try {
            ModelCatalog catalog = parse_catalog(fetch_(provider, settings_.timeout));
            try {
                cache_.store(provider.id, key, catalog, now);
            } catch (const std::exception& e) {
                log_warning("cannot cache the models of '" + provider.id + "': " + e.what());
            }
            return {std::move(catalog), CatalogSource::kServer, now, ""};
        } catch (const PluginError& e) {
            log_debug("models of '" + provider.id + "': " + e.what());
            // No list, and credential problems, are quiet: every command that uses the provider
            // reports its sign-in itself (and `klaude list` shows it), once.
            if (e.status() != KLAUDE_ERROR_UNSUPPORTED &&
                e.status() != KLAUDE_ERROR_NOT_LOGGED_IN && e.status() != KLAUDE_ERROR_AUTH) {
                why = one_line(e.what());
            }
        } catch (const CatalogError& e) {
            why = std::string("the server's catalog is unusable: ") + e.what();
        } catch (const std::exception& e) {
            why = one_line(e.what());
        }
    }
    const std::string intro = "could not get the models of '" + provider.id + "'" +
                              (why.empty() ? std::string() : " (" + why + ")");
    if (cached) {
        return {std::move(cached->catalog), CatalogSource::kStaleCache, cached->fetched_at,
                why.empty()
                    ? std::string()
                    : intro + "; using the list fetched " + age_text(cached->fetched_at, now)};
    }
    ProviderCatalog fallback;
    if (descriptor != nullptr) {
        std::string bad_builtin;
        fallback.catalog = static_catalog(*descriptor, &bad_builtin);
        if (!bad_builtin.empty()) {
            log_warning(bad_builtin);
        }
    }
    if (!why.empty()) {
        fallback.note = intro + "; using the plugin's built-in list";
    }
    return fallback;
}

}  // namespace klaude::core
