// One plugin file that passed every check and whose init succeeded. Owns the library handle;
// the destructor calls the plugin's deinit and then unloads it. Objects the plugin created
// (clients, auth objects) hold a shared_ptr to it, so the code they run outlives them.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/dll/shared_library.hpp>
#include <boost/shared_ptr.hpp>

#include "core/plugin/descriptors.h"
#include "klaude/abi/auth.h"
#include "klaude/abi/entry.h"
#include "klaude/abi/provider.h"

namespace klaude::core {

// Why a file was not loaded. The message is one line, for `klaude plugins`.
class PluginRejected : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The plugin ABI this host speaks.
constexpr klaude_version_t kHostAbiVersion = KLAUDE_ABI_VERSION_INIT;

class LoadedPlugin {
  public:
    // Checks, loads and initialises `path`. Throws PluginRejected with the reason.
    // `host` must outlive the returned plugin. `host_abi` is the ABI the host claims to speak
    // (tests pose as newer hosts).
    static std::shared_ptr<LoadedPlugin> load(const std::filesystem::path& path,
                                              const klaude_host_t* host,
                                              klaude_version_t host_abi = kHostAbiVersion);
    ~LoadedPlugin();
    LoadedPlugin(const LoadedPlugin&) = delete;
    LoadedPlugin& operator=(const LoadedPlugin&) = delete;

    const std::filesystem::path& path() const { return path_; }
    const std::string& id() const { return id_; }
    const std::string& name() const { return name_; }
    const std::string& version() const { return version_; }
    klaude_version_t abi_version() const { return abi_version_; }
    const std::vector<ProviderDescriptor>& providers() const { return providers_; }

    // The plugin's factories; valid while this object lives. Auth may be null.
    const klaude_provider_factory_t* provider_factory() const { return provider_factory_; }
    const klaude_auth_factory_t* auth_factory() const { return auth_factory_; }

  private:
    LoadedPlugin() = default;
    void read_entry(klaude_version_t host_abi);
    void initialise(const klaude_host_t* host);
    void read_descriptors();

    std::filesystem::path path_;
    boost::dll::shared_library library_;
    boost::shared_ptr<const klaude_plugin_entry_t> entry_;
    bool initialised_ = false;
    std::string id_, name_, version_;
    klaude_version_t abi_version_{};
    const klaude_provider_factory_t* provider_factory_ = nullptr;
    const klaude_auth_factory_t* auth_factory_ = nullptr;
    std::vector<ProviderDescriptor> providers_;
};

}  // namespace klaude::core
