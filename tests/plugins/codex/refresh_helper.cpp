// A separate process for the cross-process refresh test: waits until the start file exists
// (so all helpers start together), makes sure the sign-in in <klaude_home> is valid (which
// renews it: it is about to expire), and prints "OK <refresh token>" or "ERR <status> <msg>".
//
//   codex_refresh_helper <klaude_home> <issuer> <start_file>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <thread>

#include "plugins/codex/auth/token_refresher.h"

int main(int argc, char** argv) {
    using namespace klaude::codex;
    if (argc != 4) {
        std::cerr << "usage: codex_refresh_helper <klaude_home> <issuer> <start_file>\n";
        return 2;
    }
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    struct stat st {};
    while (::stat(argv[3], &st) != 0) {
        if (std::chrono::steady_clock::now() > give_up) {
            std::cout << "ERR start file never appeared\n";
            return 1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    KlaudeTokenFile store(argv[1]);
    TokenClient client(argv[2], kClientId);
    TokenRefresher refresher(store, client,
                             [] { return static_cast<int64_t>(std::time(nullptr)); });
    try {
        const TokenSet tokens = refresher.valid_tokens();
        std::cout << "OK " << tokens.refresh_token << "\n";
        return 0;
    } catch (const klaude::sdk::Error& e) {
        std::cout << "ERR " << e.status() << " " << e.what() << "\n";
        return 1;
    }
}
