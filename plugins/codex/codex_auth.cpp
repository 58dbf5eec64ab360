#include "plugins/codex/codex_auth.h"

#include <rapidjson/document.h>

#include "plugins/codex/auth/active_store.h"
#include "plugins/codex/auth/codex_cli_store.h"
#include "plugins/codex/auth/device_login.h"
#include "plugins/codex/auth/file_lock.h"
#include "plugins/codex/auth/private_file.h"
#include "plugins/codex/auth/token_store.h"

namespace klaude::codex {
namespace {

constexpr const char* kUsageUrl = "https://chatgpt.com/codex/settings/usage";

struct LoginOptions {
    bool no_browser = false;
    bool device_auth = false;
    bool use_codex_cli = false;
    int port = 0;  // 0: default
    int timeout_seconds = 300;
};

[[noreturn]] void bad_option(const std::string& message) {
    throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, message);
}

bool flag(const rapidjson::Value& doc, const char* name) {
    if (!doc.HasMember(name)) {
        return false;
    }
    if (!doc[name].IsBool()) {
        bad_option(std::string("--") + name + " takes no value");
    }
    return doc[name].GetBool();
}

int integer(const rapidjson::Value& doc, const char* name, int fallback, int min, int max) {
    if (!doc.HasMember(name)) {
        return fallback;
    }
    const rapidjson::Value& v = doc[name];
    if (!v.IsInt() || v.GetInt() < min || v.GetInt() > max) {
        bad_option(std::string("--") + name + " must be a whole number from " +
                   std::to_string(min) + " to " + std::to_string(max));
    }
    return v.GetInt();
}

LoginOptions parse_login_options(std::string_view json) {
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        bad_option("login options must be a JSON object");
    }
    LoginOptions options;
    options.no_browser = flag(doc, "no-browser");
    options.device_auth = flag(doc, "device-auth");
    options.use_codex_cli = flag(doc, "use-codex-cli");
    options.port = integer(doc, "port", 0, 1, 65535);
    options.timeout_seconds = integer(doc, "timeout", 300, 1, 24 * 3600);
    if (options.device_auth && options.use_codex_cli) {
        bad_option("choose one of --device-auth and --use-codex-cli");
    }
    return options;
}

std::string describe(const TokenSet& tokens) {
    std::string text = tokens.email.empty() ? "ChatGPT account" : tokens.email;
    text += " (account " + mask_account_id(tokens.account_id);
    if (!tokens.plan.empty()) {
        text += ", plan " + tokens.plan;
    }
    return text + ")";
}

}  // namespace

sdk::AuthInfo codex_auth_info(const std::string& provider_id) {
    sdk::AuthInfo info;
    info.provider_id = provider_id;
    info.summary = "Sign in with your ChatGPT account (Plus, Pro, Team, …) to use Codex models";
    info.login_options = {
        {"no-browser", KLAUDE_OPTION_FLAG, "",
         "Do not open a browser: print the sign-in URL, then paste the address the browser "
         "ends on (or the code) back here"},
        {"port", KLAUDE_OPTION_INTEGER, "PORT",
         "Port of the local callback server (default 1455, else 1457); the redirect URI "
         "follows"},
        {"device-auth", KLAUDE_OPTION_FLAG, "",
         "Sign in with a one-time device code instead, for machines the browser cannot reach"},
        {"use-codex-cli", KLAUDE_OPTION_FLAG, "",
         "Use the OpenAI Codex CLI's ChatGPT login ($CODEX_HOME/auth.json) in place instead "
         "of a login of klaude's own. In place, never copied: refresh tokens are single-use, "
         "so two copies of one login revoke each other"},
        {"timeout", KLAUDE_OPTION_INTEGER, "SECONDS",
         "How long to wait for the browser sign-in (default 300)"},
    };
    return info;
}

CodexAuth::CodexAuth(std::unique_ptr<LoginUi> ui, CodexSettings settings, EpochClock now)
    : ui_(std::move(ui)), settings_(std::move(settings)), now_(std::move(now)) {}

void CodexAuth::save_own(const TokenSet& tokens) {
    KlaudeTokenFile file(settings_.home);
    // Under the refresh lock: a klaude renewing the previous sign-in right now must not
    // overwrite this one (it re-reads after taking the lock and sees the new tokens).
    ensure_private_directory(settings_.home);
    FileLock lock(file.lock_path());
    file.save(tokens);
}

void CodexAuth::login(std::string_view options_json) {
    const LoginOptions options = parse_login_options(options_json);
    const TokenClient client(settings_.issuer, settings_.client_id,
                             HttpOptions{std::chrono::seconds(30), settings_.ca_file});
    SaveTokens save = [this](const TokenSet& tokens) { save_own(tokens); };

    if (options.use_codex_cli) {
        const std::string path = default_codex_cli_auth_file();
        const std::optional<TokenSet> tokens = CodexCliTokenFile(path).load();
        KlaudeTokenFile file(settings_.home);
        ensure_private_directory(settings_.home);
        FileLock lock(file.lock_path());
        file.save_codex_cli_pointer(path);
        ui_->print("klaude now uses the Codex CLI's ChatGPT sign-in in place (" + path +
                   "): " + describe(*tokens) +
                   ". Both programs renew the same tokens; 'klaude auth login codex' "
                   "switches back to a sign-in of klaude's own.");
        return;
    }

    TokenSet tokens;
    if (options.device_auth) {
        tokens = run_device_login(*ui_, client, save, DeviceLoginSettings{}, now_);
    } else {
        BrowserLoginSettings browser;
        if (options.port != 0) {
            browser.port = static_cast<uint16_t>(options.port);
            browser.port_chosen = true;
        }
        browser.open_browser = !options.no_browser;
        browser.timeout = std::chrono::seconds(options.timeout_seconds);
        tokens = run_browser_login(*ui_, client, save, browser, now_);
    }
    ui_->print("Signed in to ChatGPT as " + describe(tokens) + ". Saved to " +
               KlaudeTokenFile(settings_.home).path() + ".");
}

void CodexAuth::logout(std::string_view) {
    KlaudeTokenFile file(settings_.home);
    if (!read_file_if_exists(file.path())) {
        ui_->print("Not signed in to ChatGPT; nothing to sign out of.");
        return;
    }
    std::optional<std::string> codex_cli;
    try {
        codex_cli = file.codex_cli_pointer();
    } catch (const TokenFileError&) {
        // Unusable, but still ours to delete.
    }
    const std::string question = codex_cli ? "Stop using the Codex CLI's ChatGPT sign-in (" +
                                                 *codex_cli + " stays as it is)?"
                                           : "Sign out of ChatGPT and delete " + file.path() + "?";
    const std::optional<bool> yes = ui_->confirm(question);
    if (!yes) {
        throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT,
                         "Cannot ask for confirmation here; run 'klaude auth logout codex --yes' "
                         "to sign out.");
    }
    if (!*yes) {
        ui_->print("Still signed in; nothing was deleted.");
        return;
    }
    {
        FileLock lock(file.lock_path());
        file.remove();
    }
    if (codex_cli) {
        ui_->print("klaude no longer uses the Codex CLI's sign-in; " + *codex_cli +
                   " is untouched ('codex logout' signs the Codex CLI out).");
    } else {
        ui_->print("Signed out of ChatGPT: deleted " + file.path() + ".");
    }
}

sdk::AuthStatus CodexAuth::status() {
    sdk::AuthStatus status;
    std::unique_ptr<TokenStore> store;
    std::optional<TokenSet> tokens;
    try {
        store = open_active_store(settings_.home);
        tokens = store->load();
    } catch (const TokenFileError& e) {
        status.state = KLAUDE_AUTH_INVALID;
        status.detail = e.what();
        return status;
    }
    if (!tokens) {
        status.state = KLAUDE_AUTH_NOT_LOGGED_IN;
        status.detail = "Run 'klaude auth login codex' to sign in with your ChatGPT account.";
        return status;
    }
    const bool expired = tokens->expires_at != 0 && tokens->expires_at <= now_();
    status.state = expired ? KLAUDE_AUTH_EXPIRED_REFRESHABLE : KLAUDE_AUTH_LOGGED_IN;
    status.expires_at = tokens->expires_at;
    status.account = mask_account_id(tokens->account_id);
    status.plan = tokens->plan;
    status.email = tokens->email;
    // The host shows the state, account, plan, email and expiry itself; the detail adds what
    // it cannot know.
    status.detail = std::string("Usage limits: ") + kUsageUrl;
    if (store->path() != KlaudeTokenFile(settings_.home).path()) {
        status.detail += ". Using the Codex CLI's sign-in: " + store->path();
    }
    return status;
}

}  // namespace klaude::codex
