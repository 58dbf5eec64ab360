// A bracketed paste (the bytes a terminal sends between ESC[200~ and ESC[201~), turned into
// the lines the prompt receives. Pure text handling; EditlineReader does the reading.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace klaude::core::tui {

// The markers a terminal in bracketed-paste mode puts around pasted text.
inline constexpr std::string_view kPasteStart = "\x1b[200~";
inline constexpr std::string_view kPasteEnd = "\x1b[201~";

// `pasted` split into lines: CRLF and CR count as LF (terminals send Enter as CR), a final line
// break gives a final empty line (the cursor ends below the block). NUL bytes are dropped and
// bytes that are not UTF-8 become U+FFFD, so the line editor can take every line; tabs and
// other control characters stay as they are.
std::vector<std::string> pasted_lines(std::string_view pasted);

}  // namespace klaude::core::tui
