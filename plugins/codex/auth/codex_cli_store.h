// The OpenAI Codex CLI's own ChatGPT login, used in place (`--use-codex-cli`):
//
//   $CODEX_HOME/auth.json (default ~/.codex/auth.json)
//   {"OPENAI_API_KEY":null,
//    "tokens":{"id_token":"…","access_token":"…","refresh_token":"…","account_id":"…"},
//    "last_refresh":"2025-09-18T12:34:56.789012Z", …}
//
// Why in place and not a copy: refresh tokens are single-use, so two copies of one login
// revoke each other at the first refresh. klaude reads and writes this file in its own format,
// keeps every field it does not know, and refreshes under the same sidecar lock discipline
// (auth.json.lock) as its own file.
#pragma once

#include <optional>
#include <string>

#include "plugins/codex/auth/token_store.h"

namespace klaude::codex {

class CodexCliTokenFile : public TokenStore {
  public:
    explicit CodexCliTokenFile(std::string auth_file) : path_(std::move(auth_file)) {}

    std::optional<TokenSet> load() const override;
    void save(const TokenSet& tokens) override;
    std::string path() const override { return path_; }

  private:
    std::string path_;
};

// $CODEX_HOME/auth.json, else $HOME/.codex/auth.json.
std::string default_codex_cli_auth_file();

}  // namespace klaude::codex
