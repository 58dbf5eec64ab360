// Text from outside (a command's output, a diff of a file, a user's arguments) goes to the
// terminal only through here: a stray ESC or other control byte in it would otherwise move the
// cursor, change colours or retitle the window.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace klaude::core::tui {

// Appends `text` with invalid UTF-8 and every control character a terminal acts on (C0 but
// tab, DEL, C1, which includes ESC and CSI) replaced by U+FFFD, or '?' without `unicode`.
void append_printable(std::string& out, std::string_view text, bool unicode);

// `text` cut to at most `max_columns` characters (code points; wide characters count as one),
// ending in "…" ("..." without `unicode`) when cut.
std::string clip_columns(std::string_view text, std::size_t max_columns, bool unicode);

}  // namespace klaude::core::tui
