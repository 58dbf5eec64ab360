// The plugins of one klaude run: discovered at startup, checked, loaded, and indexed by the
// provider ids they offer. A rejected file is recorded with its reason and never stops the host.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/plugin/loaded_plugin.h"
#include "core/plugin/plugin_scanner.h"
#include "klaude/abi/host.h"

namespace klaude::core {

class PluginRegistry {
  public:
    struct Rejection {
        std::filesystem::path path;
        std::string reason;
    };
    struct Provider {
        std::shared_ptr<LoadedPlugin> plugin;
        const ProviderDescriptor* descriptor = nullptr;
    };

    struct Options {
        // Load files that other users could have replaced (--allow-insecure-plugins).
        bool allow_insecure = false;
        // Load each new or changed file in a child process first (the klaude binary at this
        // path, `__scan-plugin`), caching verdicts in `scan_cache`. Empty: load directly.
        std::filesystem::path scanner_exe;
        std::filesystem::path scan_cache;
        std::string home_dir;
        int scan_timeout_ms = 10000;  // a plugin that hangs longer in init is refused
    };

    // `host` must outlive the registry.
    explicit PluginRegistry(const klaude_host_t* host) : PluginRegistry(host, Options{}) {}
    PluginRegistry(const klaude_host_t* host, Options options);
    ~PluginRegistry();

    // Loads every plugin file of `dirs`, in order. `user_dirs` are the ones the user named
    // (--plugin-dir, KLAUDE_PLUGIN_PATH): a missing one is reported.
    void discover(const std::vector<std::filesystem::path>& dirs,
                  const std::vector<std::filesystem::path>& user_dirs);

    // Loads one file. Returns false (and records a rejection) when it was refused.
    bool load_file(const std::filesystem::path& path);

    const std::vector<std::shared_ptr<LoadedPlugin>>& plugins() const { return plugins_; }
    const std::vector<Rejection>& rejections() const { return rejections_; }
    // Providers in load order; the first plugin to claim an id owns it.
    const std::vector<Provider>& providers() const { return providers_; }
    const Provider* find_provider(std::string_view id) const;

  private:
    void reject(const std::filesystem::path& path, std::string reason);
    // The child-process verdict for `path` (from the cache when the file is unchanged).
    ScanVerdict scan(const std::filesystem::path& path);

    const klaude_host_t* host_;
    Options options_;
    std::unique_ptr<ScanCache> cache_;
    std::vector<std::shared_ptr<LoadedPlugin>> plugins_;
    std::vector<Rejection> rejections_;
    std::vector<Provider> providers_;
    std::vector<std::filesystem::path> seen_;  // canonical paths already considered
};

}  // namespace klaude::core
