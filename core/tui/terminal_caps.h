// What the terminal on a file descriptor can show, decided once at start-up from isatty and the
// environment. Everything the interactive session draws asks these flags, never $TERM itself,
// so "plain" is one decision: output to a pipe or file gets no escape sequence at all.
#pragma once

#include <functional>

namespace klaude::core::tui {

struct TerminalCaps {
    bool tty = false;         // a terminal: render Markdown and tool rows (else raw text)
    bool color = false;       // SGR sequences (off for NO_COLOR and TERM=dumb)
    bool cursor = false;      // cursor movement and erase: spinner, bracketed paste
    bool unicode = false;     // box drawing, bullets, braille spinner (else ASCII)
    bool hyperlinks = false;  // OSC 8 links

    // No terminal at all: what a pipe gets.
    static TerminalCaps none() { return {}; }
};

using GetEnv = std::function<const char*(const char*)>;

// `fd`'s terminal, with the environment read through `getenv`:
//   color      tty, TERM set and not "dumb", NO_COLOR unset or empty (no-color.org)
//   cursor     tty, TERM not "dumb"
//   unicode    TERM not "dumb" and the locale's codeset is UTF-8
//   hyperlinks FORCE_HYPERLINK=1/0 wins; else terminals known to support OSC 8 (the list
//              follows the supports-hyperlinks npm package)
TerminalCaps detect_terminal(int fd, const GetEnv& getenv);
TerminalCaps detect_terminal(int fd);

}  // namespace klaude::core::tui
