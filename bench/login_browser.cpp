// A stand-in web browser for `klaude auth login` in scripts (KLAUDE_BROWSER=login_browser):
// GETs the authorize URL klaude opens, follows the OAuth server's redirects with cookies
// (tests/support/browser_session.h), and so delivers the code to klaude's callback server.
// Meant for the oidc-provider peer (tests/peers/oidc-server.mjs), whose login and consent
// complete on their own.
#include <exception>
#include <iostream>

#include "tests/support/browser_session.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: login_browser URL\n";
        return 2;
    }
    try {
        klaude::testing::BrowserSession browser;
        const auto page = browser.follow(argv[1]);
        std::cerr << "login_browser: " << page.status << " from " << page.url << "\n";
        return page.status == 200 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "login_browser: " << e.what() << "\n";
        return 1;
    }
}
