// The device-code sign-in (`--device-auth`), for machines where no browser can reach the
// loopback callback. OpenAI's variant: POST {issuer}/api/accounts/deviceauth/usercode with
// {client_id}; the user enters the code at {issuer}/codex/device; klaude polls
// …/deviceauth/token honouring `interval` (403/404 mean "not yet") for at most 15 minutes; the
// answer holds an authorization code plus the PKCE pair the server made, exchanged as usual
// with redirect_uri={issuer}/deviceauth/callback.
#pragma once

#include <chrono>

#include "plugins/codex/auth/browser_login.h"
#include "plugins/codex/auth/login_ui.h"
#include "plugins/codex/auth/token_client.h"

namespace klaude::codex {

struct DeviceLoginSettings {
    std::chrono::milliseconds limit = std::chrono::minutes(15);
    // Floor for the server's interval (tests use 0 to poll fast; the server's value rules
    // when larger).
    std::chrono::milliseconds min_interval{1000};
};

// Throws sdk::Error: KLAUDE_ERROR_UNSUPPORTED when the issuer has no device-code login,
// KLAUDE_ERROR_TIMEOUT, KLAUDE_ERROR_CANCELLED, KLAUDE_ERROR_AUTH, KLAUDE_ERROR_NETWORK.
TokenSet run_device_login(LoginUi& ui, const TokenClient& client, const SaveTokens& save,
                          const DeviceLoginSettings& settings, const EpochClock& now);

}  // namespace klaude::codex
