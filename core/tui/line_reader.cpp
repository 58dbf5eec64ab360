#include "core/tui/line_reader.h"

#include <unistd.h>

#include <cstdio>

#include "core/tui/editline_reader.h"
#include "core/tui/plain_line_reader.h"

namespace klaude::core::tui {

std::unique_ptr<LineReader> make_stdin_reader(const std::filesystem::path& history_file,
                                              const TerminalCaps& caps) {
    // Line editing draws on the terminal it reads from; with stdout redirected there is
    // nobody to draw for, so plain lines it is.
    if (::isatty(STDIN_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1) {
        try {
            return std::make_unique<EditlineReader>(history_file, caps);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "klaude: %s; reading plain lines\n", e.what());
        }
    }
    return std::make_unique<PlainLineReader>(STDIN_FILENO);
}

}  // namespace klaude::core::tui
