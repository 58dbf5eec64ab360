#include "core/plugin/plugin_auth.h"

#include <cstring>

#include "core/log/redact.h"
#include "core/plugin/plugin_call.h"

namespace klaude::core {

namespace {

constexpr size_t kAuthV1Size = offsetof(klaude_auth_t, destroy) + sizeof(void*);

template <size_t N>
std::string bounded(const char (&field)[N]) {
    return std::string(field, strnlen(field, N));
}

void check(const PluginCallResult& result) {
    if (result.status != KLAUDE_OK) {
        throw PluginError(result.status, result.message);
    }
}

}  // namespace

PluginAuth::PluginAuth(std::shared_ptr<LoadedPlugin> plugin, const std::string& provider_id,
                       const std::string& config_json)
    : plugin_(std::move(plugin)) {
    const klaude_auth_factory_t* factory = plugin_->auth_factory();
    if (factory == nullptr) {
        throw PluginError(KLAUDE_ERROR_UNSUPPORTED,
                          "provider '" + provider_id + "' has no auth hook");
    }
    klaude_auth_t* created = nullptr;
    check(call_plugin("auth create", [&](char* err, size_t capacity) {
        return factory->create(factory, provider_id.c_str(), config_json.c_str(), &created, err,
                               capacity);
    }));
    if (created == nullptr || created->struct_size < kAuthV1Size || created->login == nullptr ||
        created->logout == nullptr || created->status == nullptr || created->destroy == nullptr) {
        throw PluginError(KLAUDE_ERROR, "plugin " + plugin_->id() +
                                            " returned an invalid auth object for '" + provider_id +
                                            "'");
    }
    auth_ = created;
}

PluginAuth::~PluginAuth() {
    if (auth_ != nullptr) {
        try {
            auth_->destroy(auth_);
        } catch (...) {
        }
    }
}

void PluginAuth::login(const std::string& options_json) {
    check(call_plugin("login", [&](char* err, size_t capacity) {
        return auth_->login(auth_, options_json.c_str(), err, capacity);
    }));
}

void PluginAuth::logout(const std::string& options_json) {
    check(call_plugin("logout", [&](char* err, size_t capacity) {
        return auth_->logout(auth_, options_json.c_str(), err, capacity);
    }));
}

AuthStatusInfo PluginAuth::status() {
    klaude_auth_status_t raw{};
    raw.struct_size = sizeof raw;
    check(call_plugin("status", [&](char* err, size_t capacity) {
        return auth_->status(auth_, &raw, err, capacity);
    }));
    AuthStatusInfo info;
    info.state = raw.state >= KLAUDE_AUTH_NOT_LOGGED_IN && raw.state <= KLAUDE_AUTH_INVALID
                     ? static_cast<klaude_auth_state_t>(raw.state)
                     : KLAUDE_AUTH_INVALID;
    info.expires_at = raw.expires_at;
    // Plugins promise a masked account; mask again in case one forgot.
    const std::string account = bounded(raw.account);
    info.account = account.size() > 9 ? mask_account_id(account) : account;
    info.plan = bounded(raw.plan);
    info.email = bounded(raw.email);
    info.detail = bounded(raw.detail);
    return info;
}

}  // namespace klaude::core
