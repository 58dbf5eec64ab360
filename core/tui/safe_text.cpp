#include "core/tui/safe_text.h"

#include "core/agent/tools/text_utils.h"

namespace klaude::core::tui {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool continuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

}  // namespace

void append_printable(std::string& out, std::string_view text, bool unicode) {
    const std::string valid = agent::to_valid_utf8(text);
    const std::string_view replacement = unicode ? kReplacement : std::string_view("?");
    for (std::size_t i = 0; i < valid.size(); ++i) {
        const auto byte = static_cast<unsigned char>(valid[i]);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7F) {
            out += replacement;
        } else if (byte == 0xC2 && i + 1 < valid.size() &&
                   static_cast<unsigned char>(valid[i + 1]) < 0xA0) {
            out += replacement;  // U+0080..U+009F, the C1 controls
            ++i;
        } else if (byte == 0xEF && valid.compare(i, 3, kReplacement) == 0 && !unicode) {
            out += '?';
            i += 2;
        } else {
            out += static_cast<char>(byte);
        }
    }
}

std::string clip_columns(std::string_view text, std::size_t max_columns, bool unicode) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (continuation(static_cast<unsigned char>(text[i]))) {
            continue;
        }
        if (++count > max_columns) {
            const std::string_view ellipsis = unicode ? "…" : "...";
            // Room for the ellipsis: drop as many characters as it is wide.
            std::size_t keep = i;
            for (std::size_t dropped = 0; keep > 0 && dropped < (unicode ? 1u : 3u);) {
                --keep;
                if (!continuation(static_cast<unsigned char>(text[keep]))) {
                    ++dropped;
                }
            }
            return std::string(text.substr(0, keep)) + std::string(ellipsis);
        }
    }
    return std::string(text);
}

}  // namespace klaude::core::tui
