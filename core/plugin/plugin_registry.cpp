#include "core/plugin/plugin_registry.h"

#include <algorithm>

#include "core/log/logger.h"
#include "core/plugin/plugin_search_path.h"
#include "core/plugin/plugin_trust.h"

namespace klaude::core {

namespace fs = std::filesystem;

PluginRegistry::PluginRegistry(const klaude_host_t* host, Options options)
    : host_(host), options_(std::move(options)) {
    if (!options_.scanner_exe.empty()) {
        cache_ = std::make_unique<ScanCache>(options_.scan_cache);
    }
}

PluginRegistry::~PluginRegistry() {
    if (cache_) {
        cache_->save();
    }
    // Providers hold plugin references too; unload in reverse load order.
    providers_.clear();
    while (!plugins_.empty()) {
        plugins_.pop_back();
    }
}

void PluginRegistry::discover(const std::vector<fs::path>& dirs,
                              const std::vector<fs::path>& user_dirs) {
    for (const fs::path& dir : dirs) {
        const bool named_by_user =
            std::find(user_dirs.begin(), user_dirs.end(), dir) != user_dirs.end();
        std::vector<PluginFileProblem> problems;
        const std::vector<fs::path> files = list_plugin_files(dir, named_by_user, problems);
        for (const PluginFileProblem& problem : problems) {
            reject(problem.path, problem.reason);
        }
        for (const fs::path& file : files) {
            load_file(file);
        }
    }
    if (cache_) {
        cache_->save();
    }
}

ScanVerdict PluginRegistry::scan(const fs::path& path) {
    if (auto cached = cache_->lookup(path)) {
        return *cached;
    }
    ScanVerdict verdict =
        scan_in_child(options_.scanner_exe, path, options_.home_dir, options_.scan_timeout_ms);
    cache_->store(path, verdict);
    return verdict;
}

bool PluginRegistry::load_file(const fs::path& path) {
    std::error_code ec;
    fs::path canonical = fs::canonical(path, ec);
    if (ec) {
        reject(path, "cannot be read: " + ec.message());
        return false;
    }
    // The same file reached twice (a directory listed twice, a symlink): load it once.
    if (std::find(seen_.begin(), seen_.end(), canonical) != seen_.end()) {
        return true;
    }
    seen_.push_back(canonical);

    if (!options_.allow_insecure) {
        if (std::string reason = check_plugin_trust(canonical); !reason.empty()) {
            reject(path, reason);
            return false;
        }
    }
    if (cache_) {
        ScanVerdict verdict = scan(canonical);
        if (verdict.kind != ScanVerdict::Kind::kOk) {
            reject(path, verdict.reason);
            return false;
        }
    }

    std::shared_ptr<LoadedPlugin> plugin;
    try {
        plugin = LoadedPlugin::load(path, host_);
    } catch (const PluginRejected& e) {
        reject(path, e.what());
        return false;
    } catch (const std::exception& e) {
        reject(path, std::string("cannot be loaded: ") + e.what());
        return false;
    }

    for (const auto& other : plugins_) {
        if (other->id() == plugin->id()) {
            reject(path, "plugin '" + plugin->id() + "' is already loaded from " +
                             other->path().string());
            return false;
        }
    }

    size_t claimed = 0;
    for (const ProviderDescriptor& descriptor : plugin->providers()) {
        if (const Provider* owner = find_provider(descriptor.id)) {
            reject(path, "provider '" + descriptor.id + "' is already provided by " +
                             owner->plugin->path().string());
            continue;
        }
        providers_.push_back({plugin, &descriptor});
        ++claimed;
    }
    if (claimed == 0) {
        return false;  // every provider was a duplicate: the plugin is unloaded
    }
    log_debug("loaded plugin " + plugin->id() + " from " + path.string());
    plugins_.push_back(std::move(plugin));
    return true;
}

const PluginRegistry::Provider* PluginRegistry::find_provider(std::string_view id) const {
    for (const Provider& provider : providers_) {
        if (provider.descriptor->id == id) {
            return &provider;
        }
    }
    return nullptr;
}

void PluginRegistry::reject(const fs::path& path, std::string reason) {
    log_debug("plugin " + path.string() + " rejected: " + reason);
    rejections_.push_back({path, std::move(reason)});
}

}  // namespace klaude::core
