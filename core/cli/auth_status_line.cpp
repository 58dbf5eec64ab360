#include "core/cli/auth_status_line.h"

#include <ctime>

namespace klaude::core {

std::string format_local_time(int64_t epoch_seconds) {
    std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm tm{};
    ::localtime_r(&t, &tm);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M %Z", &tm);
    return buffer;
}

std::string describe_auth_status(const AuthStatusInfo& status, const std::string& provider_id) {
    std::string details;
    auto add = [&details](const std::string& part) {
        if (!part.empty()) {
            details += (details.empty() ? "" : ", ") + part;
        }
    };
    add(status.account.empty() ? "" : "account " + status.account);
    add(status.plan.empty() ? "" : "plan " + status.plan);
    add(status.email);
    switch (status.state) {
        case KLAUDE_AUTH_LOGGED_IN:
            add(status.expires_at > 0 ? "token valid until " + format_local_time(status.expires_at)
                                      : "");
            return "logged in" + (details.empty() ? "" : ": " + details);
        case KLAUDE_AUTH_EXPIRED_REFRESHABLE:
            add(status.expires_at > 0 ? "token expired " + format_local_time(status.expires_at) +
                                            ", refreshed on next use"
                                      : "token expired, refreshed on next use");
            return "logged in" + (details.empty() ? "" : ": " + details);
        case KLAUDE_AUTH_INVALID:
            return "login unusable: " + (status.detail.empty()
                                             ? "run 'klaude auth login " + provider_id + "'"
                                             : status.detail);
        case KLAUDE_AUTH_NOT_LOGGED_IN:
        default:
            return "not logged in: run 'klaude auth login " + provider_id + "'";
    }
}

std::string auth_status_line(App& app, const ProviderConfig& provider) {
    const PluginRegistry::Provider* plugin = app.plugin_for(provider);
    if (plugin == nullptr || !plugin->descriptor->auth) {
        return "no login";
    }
    try {
        PluginAuth auth(plugin->plugin, provider.protocol, to_plugin_json(provider));
        return describe_auth_status(auth.status(), provider.id);
    } catch (const std::exception& e) {
        return std::string("login state unknown: ") + e.what();
    }
}

}  // namespace klaude::core
