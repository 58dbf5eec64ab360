#include "plugins/codex/auth/browser_login.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <thread>

#include "klaude/sdk/error.hpp"
#include "plugins/codex/auth/authorize_url.h"
#include "plugins/codex/auth/callback_check.h"
#include "plugins/codex/auth/callback_server.h"
#include "plugins/codex/auth/login_result.h"
#include "plugins/codex/auth/pkce.h"

namespace klaude::codex {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr const char* kPrompt =
    "Paste the redirect URL (or the code) here, or finish in the "
    "browser: ";

int32_t ms_until(SteadyClock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now())
            .count();
    return static_cast<int32_t>(std::clamp<int64_t>(left, 1, std::numeric_limits<int32_t>::max()));
}

std::string minutes_text(std::chrono::milliseconds timeout) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout).count();
    return seconds % 60 == 0 ? std::to_string(seconds / 60) + " minute(s)"
                             : std::to_string(seconds) + " second(s)";
}

}  // namespace

TokenSet run_browser_login(LoginUi& ui, const TokenClient& client, const SaveTokens& save,
                           const BrowserLoginSettings& settings, const EpochClock& now) {
    const PkceCodes pkce = generate_pkce();
    const std::string state = generate_state();
    LoginResult result;
    std::mutex redeem_mutex;
    std::string redirect_uri;  // set once the server is bound, before any redeem can run

    // Exchanges a code once, from the callback server or from the prompt, whichever is first.
    auto redeem = [&](const std::string& code) {
        std::lock_guard<std::mutex> lock(redeem_mutex);
        if (result.done()) {
            return;
        }
        const TokenResponse response = client.exchange_code(code, redirect_uri, pkce.verifier);
        const TokenSet tokens = make_token_set(response, now());
        save(tokens);
        result.succeed(tokens);
    };

    CallbackServerSettings server_settings;
    server_settings.port = settings.port;
    server_settings.fallback_port = settings.port_chosen ? 0 : kFallbackCallbackPort;
    server_settings.expected_state = state;
    server_settings.issuer = client.issuer();
    server_settings.busy_retry = settings.busy_port_retry;
    CallbackServer server(server_settings, redeem, result,
                          [&](const std::string& line) { ui.print(line); });
    redirect_uri = server.redirect_uri();

    const std::string url = build_authorize_url(
        {client.issuer(), client.client_id(), redirect_uri, pkce.challenge, state});
    ui.print("Sign in to ChatGPT in your browser:\n\n  " + url + "\n");
    if (settings.open_browser) {
        std::string reason;
        if (!ui.open_url(url, &reason)) {
            ui.print("Could not open a browser" + (reason.empty() ? "" : " (" + reason + ")") +
                     "; open the link above yourself.");
        }
    }
    ui.print(
        "Signing in on another machine? Finish there, then paste the address it ends on "
        "(" +
        redirect_uri + "?code=…) here. Ctrl-C cancels.");

    const auto deadline = SteadyClock::now() + settings.timeout;
    auto should_stop = [&] {
        return result.done() || ui.cancelled() || SteadyClock::now() >= deadline;
    };
    bool can_ask = true;
    bool pasted = false;
    while (!should_stop()) {
        if (!can_ask) {
            result.wait_for(std::chrono::milliseconds(50));
            continue;
        }
        const LoginUi::Answer answer = ui.ask(kPrompt, ms_until(deadline), should_stop);
        if (answer.status == KLAUDE_ERROR_CANCELLED) {
            if (!should_stop()) {
                throw sdk::Error(KLAUDE_ERROR_CANCELLED, "Sign-in cancelled.");
            }
            continue;
        }
        if (answer.status != KLAUDE_OK) {
            // EOF, no terminal, timeout: stop asking but keep waiting for the browser.
            can_ask = answer.status == KLAUDE_ERROR_TIMEOUT;
            continue;
        }
        const PastedAnswer pasted_answer = parse_pasted_answer(answer.text);
        std::string code;
        switch (pasted_answer.kind) {
            case PastedAnswer::Kind::kEmpty:
                continue;
            case PastedAnswer::Kind::kUnreadable:
                ui.print(
                    "That is neither the redirect URL nor a code. Paste the whole address "
                    "from the browser's address bar.");
                continue;
            case PastedAnswer::Kind::kBareCode:
                code = pasted_answer.code;
                break;
            case PastedAnswer::Kind::kRedirect: {
                const CallbackCheck check =
                    check_callback(pasted_answer.params, state, client.issuer());
                if (check.verdict == CallbackCheck::Verdict::kWrongState) {
                    ui.print(check.message + " Paste the address from this sign-in.");
                    continue;
                }
                if (check.verdict != CallbackCheck::Verdict::kCode) {
                    result.fail(KLAUDE_ERROR_AUTH, check.message);
                    continue;
                }
                code = check.code;
                break;
            }
        }
        try {
            redeem(code);
            pasted = true;
        } catch (const sdk::Error& e) {
            if (e.status() == KLAUDE_ERROR_IO) {
                throw;  // the tokens could not be saved: retrying will not help
            }
            ui.print(std::string("That code did not work: ") + e.what() +
                     ". Paste it again, or finish in the browser.");
        }
    }

    switch (result.state()) {
        case LoginResult::State::kSucceeded:
            if (!pasted) {
                // Let the browser fetch the success page before the server goes away.
                const auto until = SteadyClock::now() + std::chrono::seconds(3);
                while (!server.success_page_served() && SteadyClock::now() < until) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                }
            }
            return result.tokens();
        case LoginResult::State::kFailed:
            throw sdk::Error(result.status(), result.message());
        case LoginResult::State::kWaiting:
            break;
    }
    if (ui.cancelled()) {
        throw sdk::Error(KLAUDE_ERROR_CANCELLED, "Sign-in cancelled.");
    }
    throw sdk::Error(KLAUDE_ERROR_TIMEOUT,
                     "No sign-in arrived within " + minutes_text(settings.timeout) + ". Run '" +
                         kLoginCommand + "' again (--timeout SECONDS waits longer).");
}

}  // namespace klaude::codex
