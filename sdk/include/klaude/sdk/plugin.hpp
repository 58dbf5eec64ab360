// klaude C++ SDK: the plugin base class and KLAUDE_PLUGIN, which defines the exported entry.
//
//   class MyPlugin : public klaude::sdk::Plugin {
//   public:
//       explicit MyPlugin(klaude::sdk::Host host) : Plugin(host) {
//           add_provider({"echo", "Echo", "echo", "Answers with the prompt", {{"echo-1"}}});
//       }
//       std::unique_ptr<klaude::sdk::LlmClient> create_client(
//           const std::string& provider_id, std::string_view config_json) override {...}
//   };
//   KLAUDE_PLUGIN(MyPlugin, "com.example.echo", "Echo", "1.0.0", "Example Inc.", "An echo");
//
// The plugin object is constructed in the entry's `init` (never by a static initialiser) and
// destroyed in `deinit`. Every call from the host is wrapped: exceptions become status codes.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "klaude/abi/auth.h"
#include "klaude/abi/entry.h"
#include "klaude/abi/provider.h"
#include "klaude/sdk/auth.hpp"
#include "klaude/sdk/client.hpp"
#include "klaude/sdk/descriptors.hpp"
#include "klaude/sdk/error.hpp"
#include "klaude/sdk/event_sink.hpp"
#include "klaude/sdk/host.hpp"

namespace klaude::sdk {

class Plugin {
  public:
    explicit Plugin(Host host) noexcept : host_(host) {}
    virtual ~Plugin() = default;
    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;

    const Host& host() const noexcept { return host_; }

    // [main-thread] Creates a client for one of the providers added with add_provider.
    // `config_json` is the configured provider (klaude/abi/provider.h).
    virtual std::unique_ptr<LlmClient> create_client(const std::string& provider_id,
                                                     std::string_view config_json) = 0;

    // [main-thread] Creates the auth object for a provider added with add_auth.
    virtual std::unique_ptr<AuthProvider> create_auth(const std::string& provider_id,
                                                      std::string_view config_json) {
        (void)config_json;
        throw Error(KLAUDE_ERROR_UNSUPPORTED, "provider '" + provider_id + "' has no auth hook");
    }

    // Used by the glue; plugin authors need not call these.
    const detail::DescriptorTable& descriptors() const noexcept { return table_; }

  protected:
    // Call from the constructor only: descriptors must not change after init.
    void add_provider(ProviderInfo info) { table_.add(std::move(info)); }
    // ABI 1.1: with a built-in model catalog (docs/plugin-authoring.md, "The model catalog"),
    // the host's fallback when neither the server (LlmClient::list_models) nor its cache can
    // answer. `info.models` should name the same listed models: `klaude plugins` shows them.
    void add_provider(ProviderInfo info, std::string catalog_json) {
        table_.add(std::move(info), std::move(catalog_json));
    }
    void add_auth(AuthInfo info) { table_.add(std::move(info)); }

  private:
    Host host_;
    detail::DescriptorTable table_;
};

namespace detail {

// The C side of one plugin class. Everything here is constant-initialised: no code runs at
// dlopen time.
template <class P>
struct PluginGlue {
    static inline P* instance = nullptr;

    static klaude_status_t init(const klaude_host_t* host, char* err, size_t cap) noexcept {
        return guarded(err, cap, [&] {
            if (instance != nullptr) {
                throw Error(KLAUDE_ERROR_INVALID_ARGUMENT, "init called twice");
            }
            instance = new P(Host(host));
        });
    }

    static void deinit() noexcept {
        delete instance;
        instance = nullptr;
    }

    static const void* get_factory(const char* id) noexcept {
        if (instance == nullptr || id == nullptr) {
            return nullptr;
        }
        if (std::strcmp(id, KLAUDE_PROVIDER_FACTORY_ID) == 0) {
            return &provider_factory;
        }
        if (std::strcmp(id, KLAUDE_AUTH_FACTORY_ID) == 0 && instance->descriptors().has_auth()) {
            return &auth_factory;
        }
        return nullptr;
    }

    static uint32_t provider_count(const klaude_provider_factory_t*) noexcept {
        return instance ? static_cast<uint32_t>(instance->descriptors().provider_count()) : 0;
    }
    static const klaude_provider_descriptor_t* get_provider(const klaude_provider_factory_t*,
                                                            uint32_t index) noexcept {
        return instance ? instance->descriptors().provider(index) : nullptr;
    }
    static klaude_status_t create_client(const klaude_provider_factory_t*, const char* provider_id,
                                         const char* config_json, klaude_client_t** out, char* err,
                                         size_t cap) noexcept {
        if (instance == nullptr || provider_id == nullptr || out == nullptr) {
            write_message(err, cap, "create_client: plugin not initialised or NULL argument");
            return KLAUDE_ERROR_INVALID_ARGUMENT;
        }
        *out = nullptr;
        return guarded(err, cap, [&] {
            auto client = instance->create_client(provider_id, config_json ? config_json : "{}");
            if (!client) {
                throw Error(KLAUDE_ERROR,
                            "provider '" + std::string(provider_id) + "' returned no client");
            }
            *out = LlmClient::release_to_c(std::move(client));
        });
    }

    static const klaude_auth_descriptor_t* get_auth_descriptor(const klaude_auth_factory_t*,
                                                               const char* provider_id) noexcept {
        if (instance == nullptr || provider_id == nullptr) {
            return nullptr;
        }
        try {
            return instance->descriptors().auth_for(provider_id);
        } catch (...) {
            return nullptr;
        }
    }
    static klaude_status_t create_auth(const klaude_auth_factory_t*, const char* provider_id,
                                       const char* config_json, klaude_auth_t** out, char* err,
                                       size_t cap) noexcept {
        if (instance == nullptr || provider_id == nullptr || out == nullptr) {
            write_message(err, cap, "create_auth: plugin not initialised or NULL argument");
            return KLAUDE_ERROR_INVALID_ARGUMENT;
        }
        *out = nullptr;
        return guarded(err, cap, [&] {
            auto auth = instance->create_auth(provider_id, config_json ? config_json : "{}");
            if (!auth) {
                throw Error(KLAUDE_ERROR_UNSUPPORTED,
                            "provider '" + std::string(provider_id) + "' has no auth hook");
            }
            *out = AuthProvider::release_to_c(std::move(auth));
        });
    }

    static constexpr klaude_provider_factory_t provider_factory = {
        sizeof(klaude_provider_factory_t), &provider_count, &get_provider, &create_client};
    static constexpr klaude_auth_factory_t auth_factory = {sizeof(klaude_auth_factory_t),
                                                           &get_auth_descriptor, &create_auth};
};

}  // namespace detail
}  // namespace klaude::sdk

// Defines the plugin's exported entry for the Plugin subclass PLUGIN_CLASS.
#define KLAUDE_PLUGIN(PLUGIN_CLASS, ID, NAME, VERSION, VENDOR, DESCRIPTION)                 \
    KLAUDE_PLUGIN_ENTRY_DEFINE = {KLAUDE_ABI_VERSION_INIT,                                  \
                                  sizeof(klaude_plugin_entry_t),                            \
                                  ID,                                                       \
                                  NAME,                                                     \
                                  VERSION,                                                  \
                                  VENDOR,                                                   \
                                  DESCRIPTION,                                              \
                                  &::klaude::sdk::detail::PluginGlue<PLUGIN_CLASS>::init,   \
                                  &::klaude::sdk::detail::PluginGlue<PLUGIN_CLASS>::deinit, \
                                  &::klaude::sdk::detail::PluginGlue<PLUGIN_CLASS>::get_factory}
