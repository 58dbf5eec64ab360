// Where a ChatGPT sign-in is kept. Two formats implement TokenStore: klaude's own
// $KLAUDE_HOME/codex-auth.json (KlaudeTokenFile) and, after `--use-codex-cli`, the Codex CLI's
// $CODEX_HOME/auth.json used in place (CodexCliTokenFile, codex_cli_store.h).
#pragma once

#include <optional>
#include <string>

#include "klaude/sdk/error.hpp"
#include "plugins/codex/auth/token_set.h"

namespace klaude::codex {

// The stored sign-in cannot be used: the file is corrupt, foreign or incomplete. The message
// names the file and says to run `klaude auth login codex`.
class TokenFileError : public sdk::Error {
  public:
    explicit TokenFileError(const std::string& message) : sdk::Error(KLAUDE_ERROR_AUTH, message) {}
};

class TokenStore {
  public:
    virtual ~TokenStore() = default;

    // The stored sign-in, or nullopt when there is none. Throws TokenFileError when the file
    // exists but is unusable, sdk::Error(KLAUDE_ERROR_IO) when it cannot be read.
    virtual std::optional<TokenSet> load() const = 0;

    // Replaces the stored sign-in atomically. Throws sdk::Error(KLAUDE_ERROR_IO).
    virtual void save(const TokenSet& tokens) = 0;

    // The file holding the tokens, for messages.
    virtual std::string path() const = 0;

    // The sidecar every refresh of these tokens locks (file_lock.h).
    virtual std::string lock_path() const { return path() + ".lock"; }
};

// $KLAUDE_HOME/codex-auth.json:
//   {"auth_mode":"chatgpt","access_token":"…","refresh_token":"…","id_token":"…",
//    "expires_at":1731000000,"account_id":"…","plan":"plus","email":"…","last_refresh":…}
class KlaudeTokenFile : public TokenStore {
  public:
    static constexpr const char* kFileName = "codex-auth.json";

    explicit KlaudeTokenFile(std::string klaude_home);

    std::optional<TokenSet> load() const override;
    void save(const TokenSet& tokens) override;
    std::string path() const override { return path_; }

    // The stored sign-in points at the Codex CLI's auth.json instead of holding tokens
    // (`klaude auth login codex --use-codex-cli`); that path, or nullopt. Throws like load().
    std::optional<std::string> codex_cli_pointer() const;
    // Makes codex-auth.json point at the Codex CLI's auth.json.
    void save_codex_cli_pointer(const std::string& codex_auth_file);
    // Deletes codex-auth.json (tokens or pointer); false when there was none.
    bool remove();

  private:
    std::string home_;
    std::string path_;
};

// The message of every unusable-file error: "<what is wrong> in <path>. Run 'klaude auth
// login codex' to sign in again."
std::string unusable_file_message(const std::string& path, const std::string& problem);

}  // namespace klaude::codex
