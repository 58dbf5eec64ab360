// One line describing a provider's login state, for `klaude list` and `klaude auth status`.
#pragma once

#include <string>

#include "core/cli/app.h"
#include "core/plugin/plugin_auth.h"

namespace klaude::core {

// "logged in: account 4f2a9c1e…, plan plus, a@b.c, token valid until 2026-11-26 15:04 CET"
std::string describe_auth_status(const AuthStatusInfo& status, const std::string& provider_id);

// Asks the provider's auth hook (no network) and describes the answer; failures become part
// of the line, never an exception.
std::string auth_status_line(App& app, const ProviderConfig& provider);

// "2026-11-26 15:04 CET" in local time.
std::string format_local_time(int64_t epoch_seconds);

}  // namespace klaude::core
