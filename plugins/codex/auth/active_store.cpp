#include "plugins/codex/auth/active_store.h"

#include "plugins/codex/auth/codex_cli_store.h"

namespace klaude::codex {

std::unique_ptr<TokenStore> open_active_store(const std::string& klaude_home) {
    auto own = std::make_unique<KlaudeTokenFile>(klaude_home);
    if (std::optional<std::string> codex_file = own->codex_cli_pointer()) {
        return std::make_unique<CodexCliTokenFile>(*codex_file);
    }
    return own;
}

}  // namespace klaude::codex
