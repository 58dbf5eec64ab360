// The `klaude auth login|logout|status codex` hook: ChatGPT sign-in for the codex provider.
#pragma once

#include <memory>

#include "klaude/sdk/auth.hpp"
#include "klaude/sdk/descriptors.hpp"
#include "plugins/codex/auth/browser_login.h"
#include "plugins/codex/auth/login_ui.h"
#include "plugins/codex/codex_settings.h"

namespace klaude::codex {

// The descriptor: summary and the login options the host parses and shows in --help.
sdk::AuthInfo codex_auth_info(const std::string& provider_id);

class CodexAuth : public sdk::AuthProvider {
  public:
    CodexAuth(std::unique_ptr<LoginUi> ui, CodexSettings settings, EpochClock now);

    // options: {"no-browser":true,"port":1455,"device-auth":true,"use-codex-cli":true,
    //           "timeout":300}
    void login(std::string_view options_json) override;
    void logout(std::string_view options_json) override;
    sdk::AuthStatus status() override;

  private:
    void save_own(const TokenSet& tokens);

    std::unique_ptr<LoginUi> ui_;
    CodexSettings settings_;
    EpochClock now_;
};

}  // namespace klaude::codex
