// The token-file loaders (they read files, so the input is written to a scratch directory):
// klaude's codex-auth.json and the Codex CLI's auth.json. A bad file is a TokenFileError,
// nothing else; a good one survives save + load unchanged.
#include <cstdint>
#include <fstream>
#include <string>

#include "plugins/codex/auth/codex_cli_store.h"
#include "plugins/codex/auth/token_store.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

namespace fs = std::filesystem;
using klaude::codex::CodexCliTokenFile;
using klaude::codex::KlaudeTokenFile;
using klaude::codex::TokenFileError;
using klaude::codex::TokenSet;

bool operator==(const TokenSet& a, const TokenSet& b) {
    return a.access_token == b.access_token && a.refresh_token == b.refresh_token &&
           a.id_token == b.id_token && a.expires_at == b.expires_at &&
           a.account_id == b.account_id && a.plan == b.plan && a.email == b.email &&
           a.last_refresh == b.last_refresh;
}

void write_file(const fs::path& path, std::string_view content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    KLAUDE_FUZZ_CHECK(out.good());
}

void fuzz_klaude_file(std::string_view input) {
    const fs::path home = klaude::fuzz::ScratchDir::path() / "home";
    fs::create_directories(home);
    write_file(home / KlaudeTokenFile::kFileName, input);
    KlaudeTokenFile file(home.string());
    try {
        file.codex_cli_pointer();
    } catch (const TokenFileError&) {
    }
    std::optional<TokenSet> loaded;
    try {
        loaded = file.load();
    } catch (const TokenFileError&) {
        return;
    }
    KLAUDE_FUZZ_CHECK(loaded.has_value());
    file.save(*loaded);
    const std::optional<TokenSet> again = file.load();
    KLAUDE_FUZZ_CHECK(again.has_value() && *again == *loaded);
}

void fuzz_codex_cli_file(std::string_view input) {
    const fs::path dir = klaude::fuzz::ScratchDir::path() / "codex";
    fs::create_directories(dir);
    write_file(dir / "auth.json", input);
    CodexCliTokenFile file((dir / "auth.json").string());
    std::optional<TokenSet> loaded;
    try {
        loaded = file.load();
    } catch (const TokenFileError&) {
        return;
    }
    KLAUDE_FUZZ_CHECK(loaded.has_value());
    file.save(*loaded);
    // What klaude writes back keeps the tokens it read.
    const std::optional<TokenSet> again = file.load();
    KLAUDE_FUZZ_CHECK(again.has_value() && again->access_token == loaded->access_token &&
                      again->refresh_token == loaded->refresh_token &&
                      again->id_token == loaded->id_token &&
                      again->account_id == loaded->account_id);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input = klaude::fuzz::as_text(data, size);
    fuzz_klaude_file(input);
    fuzz_codex_cli_file(input);
    return 0;
}
