#include "core/cli/app.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "core/config/config_loader.h"
#include "core/config/implicit_providers.h"
#include "core/config/klaude_home.h"
#include "core/host/interrupts.h"
#include "core/log/logger.h"
#include "core/plugin/plugin_client.h"
#include "core/plugin/plugin_search_path.h"

namespace klaude::core {

const std::vector<OptionSpec>& global_option_specs() {
    static const std::vector<OptionSpec> kSpecs = {
        {"verbose", 'v', false, "", "more log output (-vv for debug); or set KLAUDE_LOG=LEVEL"},
        {"log-file", 0, true, "FILE", "append the log to FILE instead of stderr"},
        {"plugin-dir", 0, true, "DIR", "also load plugins from DIR (repeatable, searched first)"},
        {"yes", 'y', false, "", "answer yes to confirmations"},
        {"allow-insecure-plugins", 0, false, "",
         "load plugins even when other users could have replaced them"},
        {"help", 'h', false, "", "show help"},
    };
    return kSpecs;
}

GlobalOptions read_global_options(const ParsedArgs& args) {
    GlobalOptions options;
    options.verbose = args.count("verbose");
    options.log_file = args.value("log-file");
    options.plugin_dirs = args.values("plugin-dir");
    options.yes = args.has("yes");
    options.allow_insecure_plugins = args.has("allow-insecure-plugins");
    return options;
}

std::vector<OptionSpec> with_global_options(std::vector<OptionSpec> specs) {
    const auto& globals = global_option_specs();
    specs.insert(specs.end(), globals.begin(), globals.end());
    return specs;
}

App::App(GlobalOptions options) : options_(std::move(options)) {}

App::~App() {
    // Objects made by plugins are gone by now; unload plugins before the host services they
    // were given.
    plugins_.reset();
    host_.reset();
}

void App::configure_logging() {
    Logger& logger = Logger::instance();
    if (const char* env = std::getenv("KLAUDE_LOG"); env != nullptr && env[0] != '\0') {
        auto level = Logger::parse_level(env);
        if (!level) {
            throw UsageError(std::string("KLAUDE_LOG='") + env +
                             "' is not a log level (debug, info, warning, error)");
        }
        logger.set_level(*level);
    }
    if (options_.verbose == 1) {
        logger.set_level(KLAUDE_LOG_INFO);
    } else if (options_.verbose >= 2) {
        logger.set_level(KLAUDE_LOG_DEBUG);
    }
    if (options_.log_file) {
        logger.set_file(*options_.log_file);
    }
}

const std::filesystem::path& App::home() {
    if (!home_) {
        home_ = open_klaude_home();
    }
    return *home_;
}

HostServices& App::host() {
    if (!host_) {
        HostServices::Options options;
        options.home_dir = home().string();
        options.assume_yes = options_.yes;
        host_ = std::make_unique<HostServices>(std::move(options));
    }
    return *host_;
}

std::vector<std::filesystem::path> App::user_plugin_dirs() const {
    std::vector<std::filesystem::path> dirs;
    for (const std::string& dir : options_.plugin_dirs) {
        dirs.push_back(std::filesystem::absolute(dir).lexically_normal());
    }
    // Directories from KLAUDE_PLUGIN_PATH were named by the user too.
    if (const char* env = std::getenv("KLAUDE_PLUGIN_PATH")) {
        for (const auto& dir : core::plugin_search_path({}, env, {})) {
            dirs.push_back(dir);
        }
    }
    return dirs;
}

std::vector<std::filesystem::path> App::plugin_search_path() const {
    std::vector<std::filesystem::path> cli_dirs;
    for (const std::string& dir : options_.plugin_dirs) {
        cli_dirs.push_back(std::filesystem::absolute(dir).lexically_normal());
    }
    return core::plugin_search_path(cli_dirs, std::getenv("KLAUDE_PLUGIN_PATH"),
                                    default_plugin_dir());
}

PluginRegistry::Options App::registry_options() {
    PluginRegistry::Options options;
    options.allow_insecure = options_.allow_insecure_plugins;
    // New or changed plugin files are loaded in a child process first, so one that crashes
    // cannot take klaude down. KLAUDE_PLUGIN_SCAN=0 loads them directly.
    const char* scan = std::getenv("KLAUDE_PLUGIN_SCAN");
    if (scan == nullptr || std::string(scan) != "0") {
        options.scanner_exe = executable_path();
        options.scan_cache = home() / "plugin-scan-cache.json";
        options.home_dir = home().string();
        if (const char* timeout = std::getenv("KLAUDE_PLUGIN_SCAN_TIMEOUT_MS")) {
            options.scan_timeout_ms = std::max(100, std::atoi(timeout));
        }
    }
    return options;
}

PluginRegistry& App::plugins() {
    if (!plugins_) {
        plugins_ = std::make_unique<PluginRegistry>(host().host(), registry_options());
        plugins_->discover(plugin_search_path(), user_plugin_dirs());
        if (print_rejections_) {
            for (const auto& rejection : plugins_->rejections()) {
                std::cerr << "klaude: warning: plugin " << rejection.path.string()
                          << " not loaded: " << rejection.reason << "\n";
            }
        }
    }
    return *plugins_;
}

PluginRegistry& App::plugins_for_check(const std::filesystem::path& file) {
    plugins_ = std::make_unique<PluginRegistry>(host().host(), registry_options());
    plugins_->load_file(std::filesystem::absolute(file));
    return *plugins_;
}

const std::filesystem::path& App::config_file() {
    if (config_file_.empty()) {
        config_file_ = config_path(home());
    }
    return config_file_;
}

const Config& App::config() {
    if (!config_) {
        LoadedConfig loaded = load_config_file(config_file());
        for (const std::string& warning : loaded.warnings) {
            log_warning(warning);
        }
        Config config = std::move(loaded.config);
        for (const PluginRegistry::Provider& provider : plugins().providers()) {
            std::vector<PluginModel> models;
            for (const ModelDescriptor& m : provider.descriptor->models) {
                models.push_back({m.id, m.context_window, m.max_output_tokens});
            }
            add_implicit_provider(config, provider.descriptor->id, models);
            fill_model_limits(config, provider.descriptor->id, models);
        }
        config_ = std::move(config);
    }
    return *config_;
}

const PluginRegistry::Provider* App::plugin_for(const ProviderConfig& provider) {
    return plugins().find_provider(provider.protocol);
}

const ProviderConfig& App::provider(const std::string& id) {
    const Config& cfg = config();
    if (const ProviderConfig* p = cfg.find_provider(id)) {
        return *p;
    }
    std::string known;
    for (const ProviderConfig& p : cfg.providers) {
        known += (known.empty() ? "" : ", ") + p.id;
    }
    throw UsageError("unknown provider '" + id + "'; configured providers: " + known);
}

std::shared_ptr<PluginClient> App::client_for(const ProviderConfig& provider) {
    auto it = clients_.find(provider.id);
    if (it != clients_.end()) {
        return it->second;
    }
    const PluginRegistry::Provider* plugin = plugin_for(provider);
    if (plugin == nullptr) {
        throw std::runtime_error("provider '" + provider.id + "' needs plugin provider '" +
                                 provider.protocol +
                                 "', which is not loaded; see 'klaude plugins'");
    }
    auto client =
        std::make_shared<PluginClient>(plugin->plugin, provider.protocol, to_plugin_json(provider));
    clients_.emplace(provider.id, client);
    return client;
}

ModelCatalogs& App::catalogs() {
    if (!catalogs_) {
        const Config& cfg = config();
        ModelCatalogs::Settings settings;
        settings.ttl = std::chrono::seconds(cfg.catalog_ttl_s);
        settings.timeout = std::chrono::milliseconds(cfg.catalog_timeout_ms);
        auto fetch = [this](const ProviderConfig& provider, std::chrono::milliseconds timeout) {
            if (plugin_for(provider) == nullptr) {
                throw PluginError(KLAUDE_ERROR_UNSUPPORTED, "plugin not loaded");
            }
            std::shared_ptr<PluginClient> client = client_for(provider);
            if (!client->can_list_models()) {
                throw PluginError(KLAUDE_ERROR_UNSUPPORTED, "ABI 1.0 plugin");
            }
            // Ctrl-C stops the fetch at once; the command then goes on with the fallback.
            auto subscription =
                Interrupts::instance().on_interrupt([&client] { client->cancel(); });
            return client->list_models(timeout);
        };
        catalogs_ = std::make_unique<ModelCatalogs>(
            CatalogCache(home()), std::move(fetch),
            [] { return static_cast<int64_t>(std::time(nullptr)); }, settings);
    }
    return *catalogs_;
}

const ProviderCatalog& App::catalog(const ProviderConfig& provider, bool refresh, bool quiet) {
    const PluginRegistry::Provider* plugin = plugin_for(provider);
    const ProviderCatalog& result =
        catalogs().get(provider, plugin != nullptr ? plugin->descriptor : nullptr, refresh);
    if (quiet && !result.note.empty()) {
        log_info(result.note);
    }
    if (!quiet && !result.note.empty() &&
        std::find(printed_notes_.begin(), printed_notes_.end(), result.note) ==
            printed_notes_.end()) {
        printed_notes_.push_back(result.note);
        std::cerr << "klaude: note: " << result.note << "\n";
    }
    return result;
}

}  // namespace klaude::core
