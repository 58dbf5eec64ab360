#include "core/tui/pasted_text.h"

namespace klaude::core::tui {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence at the start of `text`, 0 when it is not one.
std::size_t utf8_sequence(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead < 0x80) {
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
        high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (text.size() < length || byte(1) < low || byte(1) > high) {
        return 0;
    }
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xBF) {
            return 0;
        }
    }
    return length;
}

}  // namespace

std::vector<std::string> pasted_lines(std::string_view pasted) {
    std::vector<std::string> lines(1);
    std::size_t i = 0;
    while (i < pasted.size()) {
        const char c = pasted[i];
        if (c == '\r' || c == '\n') {
            lines.emplace_back();
            i += (c == '\r' && i + 1 < pasted.size() && pasted[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (c == '\0') {
            ++i;
            continue;
        }
        const std::size_t length = utf8_sequence(pasted.substr(i));
        if (length == 0) {
            lines.back() += kReplacement;
            ++i;
            continue;
        }
        lines.back().append(pasted.substr(i, length));
        i += length;
    }
    return lines;
}

}  // namespace klaude::core::tui
