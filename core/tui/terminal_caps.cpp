#include "core/tui/terminal_caps.h"

#include <langinfo.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

namespace klaude::core::tui {

namespace {

bool set_and_not_empty(const char* value) {
    return value != nullptr && *value != '\0';
}

bool contains(const char* haystack, const char* needle) {
    return haystack != nullptr && std::strstr(haystack, needle) != nullptr;
}

bool supports_hyperlinks(const GetEnv& getenv) {
    if (const char* forced = getenv("FORCE_HYPERLINK"); set_and_not_empty(forced)) {
        return std::string_view(forced) != "0";
    }
    for (const char* var : {"TERM_PROGRAM", "LC_TERMINAL"}) {
        const char* program = getenv(var);
        if (program == nullptr) {
            continue;
        }
        for (const char* known : {"iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper"}) {
            if (std::string_view(program) == known) {
                return true;
            }
        }
    }
    if (const char* vte = getenv("VTE_VERSION"); set_and_not_empty(vte)) {
        // 0.50.0 is the first VTE with OSC 8 (reported as 5000).
        if (std::atoi(vte) >= 5000) {
            return true;
        }
    }
    const char* term = getenv("TERM");
    if (contains(term, "kitty") || contains(term, "alacritty") || contains(term, "foot")) {
        return true;
    }
    return set_and_not_empty(getenv("WT_SESSION")) || set_and_not_empty(getenv("KONSOLE_VERSION"));
}

}  // namespace

TerminalCaps detect_terminal(int fd, const GetEnv& getenv) {
    TerminalCaps caps;
    caps.tty = ::isatty(fd) == 1;
    if (!caps.tty) {
        return caps;
    }
    const char* term = getenv("TERM");
    const bool dumb = term != nullptr && std::string_view(term) == "dumb";
    caps.cursor = !dumb;
    caps.color = set_and_not_empty(term) && !dumb && !set_and_not_empty(getenv("NO_COLOR"));
    const char* codeset = ::nl_langinfo(CODESET);
    caps.unicode = !dumb && codeset != nullptr && std::string_view(codeset) == "UTF-8";
    caps.hyperlinks = caps.color && supports_hyperlinks(getenv);
    return caps;
}

TerminalCaps detect_terminal(int fd) {
    return detect_terminal(fd, [](const char* name) { return std::getenv(name); });
}

}  // namespace klaude::core::tui
