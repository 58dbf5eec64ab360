// The host's handle on a plugin's auth object (the `klaude auth …` hook).
#pragma once

#include <memory>
#include <string>

#include "core/plugin/loaded_plugin.h"
#include "core/plugin/plugin_client.h"
#include "klaude/abi/auth.h"

namespace klaude::core {

struct AuthStatusInfo {
    klaude_auth_state_t state = KLAUDE_AUTH_NOT_LOGGED_IN;
    int64_t expires_at = 0;
    std::string account;  // masked by the plugin
    std::string plan;
    std::string email;
    std::string detail;
};

class PluginAuth {
  public:
    // Throws PluginError when the plugin refuses.
    PluginAuth(std::shared_ptr<LoadedPlugin> plugin, const std::string& provider_id,
               const std::string& config_json);
    ~PluginAuth();
    PluginAuth(const PluginAuth&) = delete;
    PluginAuth& operator=(const PluginAuth&) = delete;

    // Each throws PluginError on failure.
    void login(const std::string& options_json);
    void logout(const std::string& options_json);
    AuthStatusInfo status();

  private:
    std::shared_ptr<LoadedPlugin> plugin_;
    klaude_auth_t* auth_ = nullptr;
};

}  // namespace klaude::core
