// MarkdownStream (core/tui/markdown_stream.h) on arbitrary model text. Input: two control bytes
// (the terminal width, and the seed of the chunk sizes), then the text. Checks:
//   - feeding the text whole and in random chunks writes the same bytes (the split invariant);
//   - every escape sequence written is one the theme writes (SGR "ESC[0;...m" or an OSC 8
//     link "ESC]8;;url ESC\"): model text never gets an escape of its own to the terminal;
//   - feed after finish starts a fresh answer without trouble.
#include <cstdint>
#include <random>
#include <string>

#include "core/tui/markdown_stream.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using klaude::core::tui::MarkdownStream;
using klaude::core::tui::TerminalCaps;
using klaude::core::tui::Theme;

std::string render(std::string_view text, int width, const TerminalCaps& caps, unsigned seed,
                   bool whole) {
    const Theme theme = Theme::ansi();
    std::string out;
    MarkdownStream stream(
        theme, caps, [width] { return width; }, [&out](std::string_view row) { out += row; });
    if (whole) {
        stream.feed(text);
    } else {
        std::mt19937 random(seed);
        std::size_t at = 0;
        while (at < text.size()) {
            const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 9)(random);
            stream.feed(text.substr(at, n));
            at += n;
        }
    }
    stream.finish();
    return out;
}

// True when every ESC in `out` starts a sequence the theme or the renderer writes.
bool only_theme_escapes(const std::string& out) {
    for (std::size_t i = out.find('\x1b'); i != std::string::npos; i = out.find('\x1b', i)) {
        if (out.compare(i, 2, "\x1b[") == 0) {
            std::size_t k = i + 2;
            while (k < out.size() && ((out[k] >= '0' && out[k] <= '9') || out[k] == ';')) {
                ++k;
            }
            if (k >= out.size() || out[k] != 'm') {
                return false;
            }
            i = k + 1;
        } else if (out.compare(i, 5, "\x1b]8;;") == 0) {
            std::size_t k = i + 5;
            while (k < out.size() && static_cast<unsigned char>(out[k]) > 0x20 &&
                   static_cast<unsigned char>(out[k]) < 0x7F) {
                ++k;
            }
            if (out.compare(k, 2, "\x1b\\") != 0) {
                return false;
            }
            i = k + 2;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) {
        return 0;
    }
    const int width = 8 + data[0] % 120;
    const unsigned seed = data[1];
    const std::string_view text = klaude::fuzz::as_text(data + 2, size - 2);
    const TerminalCaps caps{true, true, true, (data[0] & 0x80) != 0, (data[1] & 1) != 0};

    const std::string whole = render(text, width, caps, seed, true);
    const std::string chunked = render(text, width, caps, seed, false);
    KLAUDE_FUZZ_CHECK(whole == chunked);
    KLAUDE_FUZZ_CHECK(only_theme_escapes(whole));

    // A second answer on the same stream is rendered as if it were the first.
    const Theme theme = Theme::ansi();
    std::string twice;
    MarkdownStream stream(
        theme, caps, [width] { return width; }, [&twice](std::string_view row) { twice += row; });
    stream.feed(text);
    stream.finish();
    const std::size_t first = twice.size();
    stream.feed(text);
    stream.finish();
    KLAUDE_FUZZ_CHECK(twice.substr(first) == whole);
    return 0;
}
