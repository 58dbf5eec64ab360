// The browser sign-in (authorization code + PKCE through a loopback redirect).
//
// Prints the URL (always, flushed) and opens the browser unless told not to, then waits for
// whichever comes first: the browser's redirect to the callback server, or the user pasting
// the redirect URL (or the bare code) at the prompt — the way to finish a sign-in made on
// another machine. A stdin that is closed or not a terminal only stops the prompt; the login
// still ends only on success, an error, /cancel, the timeout or Ctrl-C.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "plugins/codex/auth/login_ui.h"
#include "plugins/codex/auth/oauth_constants.h"
#include "plugins/codex/auth/token_client.h"
#include "plugins/codex/auth/token_set.h"

namespace klaude::codex {

struct BrowserLoginSettings {
    uint16_t port = kDefaultCallbackPort;
    bool port_chosen = false;  // --port given: no fallback port
    bool open_browser = true;  // false for --no-browser
    std::chrono::milliseconds timeout = std::chrono::minutes(5);
    std::chrono::milliseconds busy_port_retry{2000};
};

// Persists a fresh sign-in (under the token file's lock). Throws sdk::Error.
using SaveTokens = std::function<void(const TokenSet&)>;
// Epoch seconds now.
using EpochClock = std::function<int64_t()>;

// Runs the sign-in and returns the saved tokens. Throws sdk::Error: KLAUDE_ERROR_CANCELLED
// (Ctrl-C, /cancel), KLAUDE_ERROR_TIMEOUT, KLAUDE_ERROR_AUTH (refused, error callback),
// KLAUDE_ERROR_IO (no port), KLAUDE_ERROR_NETWORK.
TokenSet run_browser_login(LoginUi& ui, const TokenClient& client, const SaveTokens& save,
                           const BrowserLoginSettings& settings, const EpochClock& now);

}  // namespace klaude::codex
