#include "core/tui/text_width.h"

#include <cwchar>

namespace klaude::core::tui {

namespace {

constexpr std::string_view kReplacement = "\xef\xbf\xbd";  // U+FFFD

// The code point at text[i] and its length in bytes; cp -1 (length 1) for an invalid byte,
// an overlong form, a surrogate or anything past U+10FFFF.
struct Decoded {
    long cp;
    int length;
};

Decoded decode(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
        return {lead, 1};
    }
    int length = 0;
    long cp = 0;
    long minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        cp = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        cp = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        cp = lead & 0x07;
        minimum = 0x10000;
    } else {
        return {-1, 1};
    }
    if (i + length > text.size()) {
        return {-1, 1};
    }
    for (int k = 1; k < length; ++k) {
        const unsigned char next = byte(i + k);
        if ((next & 0xC0) != 0x80) {
            return {-1, 1};
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return {-1, 1};
    }
    return {cp, length};
}

bool in(long cp, long low, long high) {
    return cp >= low && cp <= high;
}

// For a locale whose wcwidth knows nothing beyond ASCII (the "C" locale): the common zero-width
// and double-width ranges of Unicode, enough to lay out CJK, emoji and accents.
int fallback_width(long cp) {
    if (in(cp, 0x0300, 0x036F) || in(cp, 0x0483, 0x0489) || in(cp, 0x0591, 0x05BD) ||
        in(cp, 0x0610, 0x061A) || in(cp, 0x064B, 0x065F) || in(cp, 0x1AB0, 0x1AFF) ||
        in(cp, 0x1DC0, 0x1DFF) || in(cp, 0x200B, 0x200F) || in(cp, 0x20D0, 0x20FF) ||
        in(cp, 0xFE00, 0xFE0F) || in(cp, 0xFE20, 0xFE2F) || in(cp, 0xE0100, 0xE01EF)) {
        return 0;
    }
    if (in(cp, 0x1100, 0x115F) || in(cp, 0x2E80, 0x303E) || in(cp, 0x3041, 0x33FF) ||
        in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) || in(cp, 0xA000, 0xA4CF) ||
        in(cp, 0xAC00, 0xD7A3) || in(cp, 0xF900, 0xFAFF) || in(cp, 0xFE30, 0xFE4F) ||
        in(cp, 0xFF00, 0xFF60) || in(cp, 0xFFE0, 0xFFE6) || in(cp, 0x1F300, 0x1F64F) ||
        in(cp, 0x1F680, 0x1F6FF) || in(cp, 0x1F900, 0x1F9FF) || in(cp, 0x20000, 0x3FFFD)) {
        return 2;
    }
    return 1;
}

int code_point_width(long cp) {
    if (cp < 0) {
        return 1;
    }
    const int width = ::wcwidth(static_cast<wchar_t>(cp));
    return width >= 0 ? width : fallback_width(cp);
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

int display_width(std::string_view utf8) {
    int width = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            width += c >= 0x20 && c != 0x7F ? 1 : (c == '\t' ? 1 : 0);
            ++i;
            continue;
        }
        const Decoded d = decode(utf8, i);
        width += code_point_width(d.cp);
        i += d.length;
    }
    return width;
}

void append_visible(std::string& out, std::string_view text) {
    append_visible(out, text, /*unicode=*/true);
}

void append_visible(std::string& out, std::string_view text, bool unicode) {
    const std::string_view replacement = unicode ? kReplacement : std::string_view("?");
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F) {
            ++i;
            continue;
        }
        if (c == '\t') {
            ++i;
            continue;
        }
        if (c < 0x80) {  // C0 control (ESC included) or DEL
            out.append(text, run, i - run);
            out += replacement;
            run = ++i;
            continue;
        }
        const Decoded d = decode(text, i);
        if (d.cp < 0 || d.cp < 0xA0) {  // invalid, or a C1 control (0x80-0x9F)
            out.append(text, run, i - run);
            out += replacement;
            i += d.length;
            run = i;
            continue;
        }
        i += d.length;
    }
    out.append(text, run, text.size() - run);
}

std::string clip_to_width(std::string_view text, int max_columns, bool unicode) {
    if (display_width(text) <= max_columns) {
        return std::string(text);
    }
    const std::string_view ellipsis = unicode ? "\u2026" : "...";
    const int room = max_columns - (unicode ? 1 : 3);
    int width = 0;
    std::size_t keep = 0;
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode(text, i);
        const auto c = static_cast<unsigned char>(text[i]);
        const int w = c < 0x80 ? 1 : code_point_width(d.cp);
        if (width + w > room) {
            break;
        }
        width += w;
        i += c < 0x80 ? 1 : d.length;
        keep = i;
    }
    return std::string(text.substr(0, keep)) + std::string(ellipsis);
}

RowBuilder::RowBuilder(int width, RowPrefix first, RowPrefix next, const Theme& theme)
    : width_(width), first_(std::move(first)), next_(std::move(next)), theme_(theme) {}

int RowBuilder::define_link(std::string open, std::string close) {
    links_.emplace_back(std::move(open), std::move(close));
    return static_cast<int>(links_.size()) - 1;
}

void RowBuilder::add(std::string_view text, Style style) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            flush_word();
            if (row_open_ || !rows_.empty()) {
                space_pending_ = true;
                space_style_ = style;
            }
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end])) {
            ++end;
        }
        const std::string_view word = text.substr(i, end - i);
        if (word_.empty()) {
            word_offset_ = source_offset_;
        }
        if (!word_.empty() && word_.back().style == style && word_.back().link == link_) {
            word_.back().text += word;
            const int w = display_width(word);
            word_.back().width += w;
            word_width_ += w;
        } else {
            const int w = display_width(word);
            word_.push_back(Piece{std::string(word), style, w, link_});
            word_width_ += w;
        }
        i = end;
    }
}

int RowBuilder::room() const {
    return width_ - row_.width;
}

void RowBuilder::start_row_if_needed() {
    if (row_open_) {
        return;
    }
    const RowPrefix& prefix = rows_.empty() ? first_ : next_;
    row_.text = prefix.text;
    row_.width = prefix.width;
    row_style_ = Style{};
    row_link_ = -1;
    row_open_ = true;
    row_offsets_.push_back(word_offset_ >= 0 ? word_offset_ : source_offset_);
}

void RowBuilder::end_row() {
    start_row_if_needed();
    if (row_link_ >= 0) {
        row_.text += links_[row_link_].second;
    }
    if (!row_style_.plain()) {
        theme_.reset(row_.text);
    }
    rows_.push_back(std::move(row_));
    row_ = BuiltRow{};
    row_open_ = false;
    space_pending_ = false;
}

void RowBuilder::put(const Piece& piece) {
    if (piece.link != row_link_) {
        if (row_link_ >= 0) {
            row_.text += links_[row_link_].second;
        }
        if (piece.link >= 0) {
            row_.text += links_[piece.link].first;
        }
        row_link_ = piece.link;
    }
    if (piece.style != row_style_) {
        theme_.set(row_.text, piece.style);
        row_style_ = piece.style;
    }
    row_.text += piece.text;
    row_.width += piece.width;
}

void RowBuilder::put_char_by_char(const Piece& piece) {
    // Only for a word wider than a whole row: cut it where the row is full.
    std::size_t i = 0;
    while (i < piece.text.size()) {
        const Decoded d = decode(piece.text, i);
        const int w = code_point_width(d.cp);
        start_row_if_needed();
        const int prefix_width = (rows_.empty() ? first_ : next_).width;
        if (w > room() && row_.width > prefix_width) {
            end_row();
            start_row_if_needed();
        }
        put(Piece{piece.text.substr(i, d.length), piece.style, w, piece.link});
        i += d.length;
    }
}

void RowBuilder::flush_word() {
    if (word_.empty()) {
        return;
    }
    start_row_if_needed();
    const int prefix_width = (rows_.empty() ? first_ : next_).width;
    const bool has_content = row_.width > prefix_width;
    const int space = has_content && space_pending_ ? 1 : 0;
    if (space + word_width_ > room() && has_content) {
        end_row();
        start_row_if_needed();
    } else if (space) {
        put(Piece{" ", space_style_, 1, word_.front().link == row_link_ ? row_link_ : -1});
    }
    space_pending_ = false;
    if (word_width_ > room()) {
        for (const Piece& piece : word_) {
            put_char_by_char(piece);
        }
    } else {
        for (const Piece& piece : word_) {
            put(piece);
        }
    }
    word_.clear();
    word_width_ = 0;
    word_offset_ = -1;
}

void RowBuilder::hard_break() {
    flush_word();
    end_row();
}

std::vector<BuiltRow> RowBuilder::finish(bool keep_empty) {
    flush_word();
    if (row_open_ || (keep_empty && rows_.empty())) {
        end_row();
    }
    return std::move(rows_);
}

}  // namespace klaude::core::tui
