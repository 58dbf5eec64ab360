// What every command shares: the global options, the klaude home, the configuration, the host
// services and the loaded plugins, each created on first use, so `klaude --version` touches
// nothing and `klaude config path` loads no plugin.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/model_catalogs.h"
#include "core/cli/arg_parser.h"
#include "core/config/config.h"
#include "core/host/host_services.h"
#include "core/plugin/plugin_client.h"
#include "core/plugin/plugin_registry.h"

namespace klaude::core {

struct GlobalOptions {
    int verbose = 0;                       // -v: info, -vv: debug
    std::optional<std::string> log_file;   // --log-file FILE
    std::vector<std::string> plugin_dirs;  // --plugin-dir DIR, repeatable, searched first
    bool yes = false;                      // --yes: answer the host's confirm with yes
    bool allow_insecure_plugins = false;   // --allow-insecure-plugins
};

// The options every command accepts, before or after the command name.
const std::vector<OptionSpec>& global_option_specs();
GlobalOptions read_global_options(const ParsedArgs& args);
// `specs` followed by the global ones.
std::vector<OptionSpec> with_global_options(std::vector<OptionSpec> specs);

class App {
  public:
    explicit App(GlobalOptions options);
    ~App();

    const GlobalOptions& options() const { return options_; }

    // Sets the log level from -v and $KLAUDE_LOG, and --log-file. Throws on a bad value.
    void configure_logging();

    const std::filesystem::path& home();  // created 0700 on first use
    HostServices& host();
    // Discovers plugins on first use. Rejections are printed to stderr (one line each) unless
    // the command lists them itself (quiet_rejections()).
    PluginRegistry& plugins();
    void quiet_rejections() { print_rejections_ = false; }
    // A registry holding only `file` (`klaude plugins --check`), with the same checks.
    PluginRegistry& plugins_for_check(const std::filesystem::path& file);
    // The directories plugins are searched in, in order.
    std::vector<std::filesystem::path> plugin_search_path() const;
    // The configuration, with implicit providers for plugin providers it does not name.
    const Config& config();
    const std::filesystem::path& config_file();

    // The plugin provider behind a configured provider; null when its plugin is not loaded.
    const PluginRegistry::Provider* plugin_for(const ProviderConfig& provider);
    // The configured provider `id`; throws a one-line error listing the configured ones.
    const ProviderConfig& provider(const std::string& id);

    // The client of a configured provider, made on first use and shared by everything the
    // command does with that provider (catalog, model calls), so they share its kept-alive
    // connection. Throws PluginError when the plugin refuses, std::runtime_error when no
    // loaded plugin provides it.
    std::shared_ptr<PluginClient> client_for(const ProviderConfig& provider);

    // The model catalogs of the configured providers (cache, server, plugin), created on
    // first use.
    ModelCatalogs& catalogs();
    // The catalog of `provider` (see ModelCatalogs::get); its note, if any, is printed once
    // on stderr, or only logged (-v) when `quiet`.
    const ProviderCatalog& catalog(const ProviderConfig& provider, bool refresh = false,
                                   bool quiet = false);

  private:
    PluginRegistry::Options registry_options();
    std::vector<std::filesystem::path> user_plugin_dirs() const;

    GlobalOptions options_;
    std::optional<std::filesystem::path> home_;
    std::unique_ptr<HostServices> host_;
    std::unique_ptr<PluginRegistry> plugins_;
    std::optional<Config> config_;
    std::filesystem::path config_file_;
    bool print_rejections_ = true;
    std::map<std::string, std::shared_ptr<PluginClient>> clients_;
    std::unique_ptr<ModelCatalogs> catalogs_;
    std::vector<std::string> printed_notes_;
};

}  // namespace klaude::core
