// Writes one sign-in through klaude's token store (KlaudeTokenFile::save: temp file, fsync,
// rename), with an id_token of `bytes` copies of `fill` so that the write takes long enough to
// be killed in the middle of it. Exits 0 when saved.
//
//   stress_token_writer <klaude_home> <fill character> <bytes>
#include <iostream>
#include <string>

#include "plugins/codex/auth/token_store.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: stress_token_writer <klaude_home> <fill> <bytes>\n";
        return 2;
    }
    klaude::codex::TokenSet tokens;
    tokens.access_token = std::string("access-") + argv[2];
    tokens.refresh_token = std::string("refresh-") + argv[2];
    tokens.account_id = "acct-stress-0001";
    tokens.id_token.assign(std::stoul(argv[3]), argv[2][0]);
    try {
        klaude::codex::KlaudeTokenFile(argv[1]).save(tokens);
    } catch (const klaude::sdk::Error& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}
