#include "core/agent/tools/text_utils.h"

namespace klaude::core::agent {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if invalid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) {
        return 1;
    }
    std::size_t len = 0;
    unsigned int min = 0;
    unsigned int cp = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

}  // namespace

std::string to_valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t len = utf8_sequence_length(text, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.data() + i, len);
            i += len;
        }
    }
    return out;
}

bool looks_binary(std::string_view sample) {
    if (sample.find('\0') != std::string_view::npos) {
        return true;
    }
    std::size_t invalid = 0;
    std::size_t i = 0;
    while (i < sample.size()) {
        std::size_t len = utf8_sequence_length(sample, i);
        if (len == 0) {
            // A sequence cut by the end of the sample is not evidence of binary data.
            if (sample.size() - i < 4) {
                break;
            }
            ++invalid;
            ++i;
        } else {
            i += len;
        }
    }
    // Latin-1 text has the odd invalid byte; binary data has many.
    return invalid * 10 > sample.size();
}

std::size_t utf8_floor(std::string_view text, std::size_t limit) {
    if (limit >= text.size()) {
        return text.size();
    }
    std::size_t n = limit;
    // Step back over continuation bytes to the start of the sequence that `limit` splits.
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80 && limit - n < 4) {
        --n;
    }
    return n;
}

std::string clip_line(std::string_view line, std::size_t max_chars) {
    if (line.size() <= max_chars) {
        return std::string(line);
    }
    std::size_t keep = utf8_floor(line, max_chars);
    return std::string(line.substr(0, keep)) + " […line cut, " +
           std::to_string(line.size() - keep) + " more bytes]";
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        std::size_t content_end = end;
        if (nl != std::string_view::npos && content_end > start && text[content_end - 1] == '\r') {
            --content_end;
        }
        lines.emplace_back(text.substr(start, content_end - start));
        if (nl == std::string_view::npos) {
            break;
        }
        start = nl + 1;
    }
    return lines;
}

}  // namespace klaude::core::agent
