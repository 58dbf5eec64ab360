#include "plugins/codex/auth/device_login.h"

#include <algorithm>

#include <rapidjson/document.h>

#include <thread>

#include "klaude/sdk/error.hpp"
#include "plugins/codex/auth/json_fields.h"
#include "plugins/codex/auth/oauth_constants.h"

namespace klaude::codex {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr const char* kJson = "application/json";

std::string json_body(std::initializer_list<std::pair<const char*, std::string>> fields) {
    rapidjson::Document doc(rapidjson::kObjectType);
    for (const auto& [name, value] : fields) {
        doc.AddMember(rapidjson::StringRef(name), rapidjson::Value(value, doc.GetAllocator()),
                      doc.GetAllocator());
    }
    return json_serialize(doc);
}

rapidjson::Document parse(const std::string& body) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        doc.SetObject();
    }
    return doc;
}

// Sleeps in small steps so Ctrl-C is noticed quickly.
void wait_interruptibly(LoginUi& ui, std::chrono::milliseconds duration) {
    const auto until = SteadyClock::now() + duration;
    while (SteadyClock::now() < until) {
        if (ui.cancelled()) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "Sign-in cancelled.");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace

TokenSet run_device_login(LoginUi& ui, const TokenClient& client, const SaveTokens& save,
                          const DeviceLoginSettings& settings, const EpochClock& now) {
    const std::string api = client.issuer() + "/api/accounts/deviceauth";
    const HttpResult started = http_post(
        api + "/usercode", kJson, json_body({{"client_id", client.client_id()}}), client.http());
    if (started.status == 404) {
        throw sdk::Error(KLAUDE_ERROR_UNSUPPORTED, "device-code sign-in is not enabled on " +
                                                       client.issuer() +
                                                       "; sign in without --device-auth");
    }
    if (started.status < 200 || started.status >= 300) {
        throw sdk::Error(KLAUDE_ERROR_SERVER,
                         "the sign-in server refused to start a device "
                         "sign-in (HTTP " +
                             std::to_string(started.status) + ")");
    }
    const rapidjson::Document start = parse(started.body);
    const std::string device_auth_id = json_string(start, "device_auth_id");
    std::string user_code = json_string(start, "user_code");
    if (user_code.empty()) {
        user_code = json_string(start, "usercode");
    }
    if (device_auth_id.empty() || user_code.empty()) {
        throw sdk::Error(KLAUDE_ERROR_PROTOCOL,
                         "the sign-in server's device-code answer lacks the code");
    }
    // The server's polling interval in seconds, bounded before it is scaled: a huge value
    // would overflow (the 15-minute deadline ends the wait anyway).
    const int64_t interval_s =
        std::clamp<int64_t>(json_int(start, "interval").value_or(5), 0, 3600);
    const std::chrono::milliseconds interval =
        std::max(settings.min_interval, std::chrono::milliseconds(1000 * interval_s));

    ui.print("To sign in, open this page in a browser on any device:\n\n  " + client.issuer() +
             "/codex/device\n\nand enter the code\n\n  " + user_code +
             "\n\n(It expires in 15 minutes. Never share it: device codes are a favourite of "
             "phishers.) Waiting…");

    const auto deadline = SteadyClock::now() + settings.limit;
    const std::string poll_body =
        json_body({{"device_auth_id", device_auth_id}, {"user_code", user_code}});
    for (;;) {
        if (ui.cancelled()) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "Sign-in cancelled.");
        }
        HttpResult polled;
        try {
            polled = http_post(api + "/token", kJson, poll_body, client.http());
        } catch (const sdk::Error& e) {
            if (e.status() != KLAUDE_ERROR_NETWORK) {
                throw;
            }
            polled.status = 0;  // a network hiccup: poll again
        }
        if (polled.status >= 200 && polled.status < 300) {
            const rapidjson::Document answer = parse(polled.body);
            const std::string code = json_string(answer, "authorization_code");
            const std::string verifier = json_string(answer, "code_verifier");
            if (code.empty() || verifier.empty()) {
                throw sdk::Error(KLAUDE_ERROR_PROTOCOL,
                                 "the sign-in server's device answer lacks the code");
            }
            const TokenResponse response =
                client.exchange_code(code, client.issuer() + "/deviceauth/callback", verifier);
            const TokenSet tokens = make_token_set(response, now());
            save(tokens);
            return tokens;
        }
        const bool pending = polled.status == 403 || polled.status == 404 || polled.status == 0 ||
                             polled.status >= 500;
        if (!pending) {
            throw sdk::Error(KLAUDE_ERROR_AUTH, "the device sign-in failed (HTTP " +
                                                    std::to_string(polled.status) + ")");
        }
        if (SteadyClock::now() + interval >= deadline) {
            throw sdk::Error(KLAUDE_ERROR_TIMEOUT,
                             "The device code was not confirmed in time. Run '" +
                                 std::string(kLoginCommand) + " --device-auth' again.");
        }
        wait_interruptibly(ui, interval);
    }
}

}  // namespace klaude::codex
