// Which file holds the sign-in klaude uses: its own codex-auth.json, or the Codex CLI's
// auth.json when codex-auth.json points there (after `login --use-codex-cli`).
#pragma once

#include <memory>
#include <string>

#include "plugins/codex/auth/token_store.h"

namespace klaude::codex {

// Throws TokenFileError when codex-auth.json exists but is unusable.
std::unique_ptr<TokenStore> open_active_store(const std::string& klaude_home);

}  // namespace klaude::codex
