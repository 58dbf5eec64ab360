#include "tests/core/tui/vt_screen.h"

#include <locale.h>
#include <wchar.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace klaude::testing {

namespace {

// wcwidth in C.UTF-8 whatever the process's locale, without changing it for other threads.
int width_of(char32_t code_point) {
    static const locale_t utf8 = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
    if (utf8 == static_cast<locale_t>(0)) {
        throw std::runtime_error("vt_screen: no C.UTF-8 locale");
    }
    const locale_t previous = ::uselocale(utf8);
    const int width = ::wcwidth(static_cast<wchar_t>(code_point));
    ::uselocale(previous);
    return width;
}

std::string printable(std::string_view bytes) {
    std::string out;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "<%02x>", c);
            out += hex;
        } else {
            out += ch;
        }
    }
    return out;
}

std::vector<int> parse_params(std::string_view text) {
    std::vector<int> params;
    if (text.empty()) {
        return params;
    }
    int value = 0;
    for (const char ch : text) {
        if (ch == ';') {
            params.push_back(value);
            value = 0;
        } else {
            value = std::min(value * 10 + (ch - '0'), 1000000);
        }
    }
    params.push_back(value);
    return params;
}

std::string colour_tag(const char* name, int32_t colour) {
    char text[32];
    if (colour & VtStyle::kRgb) {
        std::snprintf(text, sizeof text, "<%s=#%06x>", name,
                      static_cast<unsigned>(colour & 0xffffff));
    } else {
        std::snprintf(text, sizeof text, "<%s=%d>", name, static_cast<int>(colour));
    }
    return text;
}

// SGR's attributes: the code that sets one (and another that does too), the code that
// resets it, and its tag in dump().
struct Attribute {
    int on;
    int also_on;
    int off;
    bool VtStyle::*member;
    const char* tag;
};
constexpr Attribute kAttributes[] = {
    {1, 1, 22, &VtStyle::bold, "<b>"},        {2, 2, 22, &VtStyle::dim, "<dim>"},
    {3, 3, 23, &VtStyle::italic, "<i>"},      {4, 21, 24, &VtStyle::underline, "<u>"},
    {5, 6, 25, &VtStyle::blink, "<blink>"},   {7, 7, 27, &VtStyle::inverse, "<inv>"},
    {8, 8, 28, &VtStyle::hidden, "<hidden>"}, {9, 9, 29, &VtStyle::strike, "<s>"}};

std::string open_tags(const VtStyle& s) {
    std::string out;
    for (const Attribute& a : kAttributes) {
        if (s.*a.member) {
            out += a.tag;
        }
    }
    if (s.fg >= 0) {
        out += colour_tag("fg", s.fg);
    }
    if (s.bg >= 0) {
        out += colour_tag("bg", s.bg);
    }
    if (!s.link.empty()) {
        out += "<link=" + s.link + ">";
    }
    return out;
}

// The code point of a complete 2-, 3- or 4-byte sequence (not yet checked for overlong forms).
char32_t decode_utf8(std::string_view bytes) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() == 2) {
        return static_cast<char32_t>(((b[0] & 0x1f) << 6) | (b[1] & 0x3f));
    }
    if (bytes.size() == 3) {
        return static_cast<char32_t>(((b[0] & 0x0f) << 12) | ((b[1] & 0x3f) << 6) | (b[2] & 0x3f));
    }
    return static_cast<char32_t>(((b[0] & 0x07) << 18) | ((b[1] & 0x3f) << 12) |
                                 ((b[2] & 0x3f) << 6) | (b[3] & 0x3f));
}

// A blank that a person can see: it ends a row's visible text.
bool visible_blank(const VtStyle& s) {
    return s.underline || s.inverse || s.strike || s.bg >= 0;
}

}  // namespace

VtScreen::VtScreen(int columns, int rows)
    : columns_(columns), rows_(rows), screen_(rows, Row(columns)) {}

const VtCell& VtScreen::cell(int row, int column) const {
    return screen_.at(static_cast<std::size_t>(row)).at(static_cast<std::size_t>(column));
}

void VtScreen::feed(std::string_view bytes) {
    for (const char ch : bytes) {
        byte(static_cast<unsigned char>(ch));
    }
}

void VtScreen::report(std::string what) {
    unknown_.push_back(std::move(what));
}

void VtScreen::byte(unsigned char c) {
    switch (state_) {
        case State::kEscape:
            escape(c);
            return;
        case State::kCsi:
            sequence_ += static_cast<char>(c);
            if (c >= 0x40 && c <= 0x7e) {
                state_ = State::kGround;
                csi();
            } else if (c < 0x20 || c > 0x7e) {
                state_ = State::kGround;
                report("ESC [" + printable(sequence_) + " (cut by a control byte)");
            }
            return;
        case State::kOsc:
            if (c == 0x07) {
                state_ = State::kGround;
                osc();
            } else if (c == 0x1b) {
                state_ = State::kOscEscape;
            } else {
                sequence_ += static_cast<char>(c);
            }
            return;
        case State::kOscEscape:
            state_ = State::kGround;
            if (c == '\\') {
                osc();
            } else {
                report("ESC ]" + printable(sequence_) + " (not ended by ST)");
            }
            return;
        case State::kGround:
            break;
    }
    if (utf8_needed_ > 0) {
        if ((c & 0xc0) == 0x80) {
            utf8_ += static_cast<char>(c);
            if (--utf8_needed_ == 0) {
                const char32_t cp = decode_utf8(utf8_);
                const bool overlong =
                    (utf8_.size() == 3 && cp < 0x800) || (utf8_.size() == 4 && cp < 0x10000);
                if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                    report("invalid UTF-8 " + printable(utf8_));
                } else {
                    print(cp, utf8_);
                }
                utf8_.clear();
            }
            return;
        }
        report("invalid UTF-8 " + printable(utf8_) + " (cut)");
        utf8_.clear();
        utf8_needed_ = 0;
    }
    if (c == 0x1b) {
        state_ = State::kEscape;
        sequence_.clear();
    } else if (c < 0x20 || c == 0x7f) {
        control(c);
    } else if (c < 0x80) {
        const char ascii = static_cast<char>(c);
        print(c, std::string_view(&ascii, 1));
    } else if (c >= 0xc2 && c <= 0xf4) {
        utf8_.assign(1, static_cast<char>(c));
        utf8_needed_ = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
    } else {
        report("invalid UTF-8 " + printable(std::string(1, static_cast<char>(c))));
    }
}

void VtScreen::control(unsigned char c) {
    switch (c) {
        case '\r':
            column_ = 0;
            wrap_pending_ = false;
            return;
        case '\n':
            line_feed();
            wrap_pending_ = false;
            return;
        case '\b':
            wrap_pending_ = false;
            column_ = std::max(0, column_ - 1);
            return;
        case '\t':
            column_ = std::min(columns_ - 1, (column_ / 8 + 1) * 8);
            return;
        case '\a':
            ++bells_;
            return;
        default:
            report("control " + printable(std::string(1, static_cast<char>(c))));
    }
}

void VtScreen::escape(unsigned char c) {
    state_ = State::kGround;
    switch (c) {
        case '[':
            state_ = State::kCsi;
            sequence_.clear();
            return;
        case ']':
            state_ = State::kOsc;
            sequence_.clear();
            return;
        case '=':  // keypad application mode
        case '>':  // keypad numeric mode
            return;
        default:
            report("ESC " + printable(std::string(1, static_cast<char>(c))));
    }
}

void VtScreen::csi() {
    const char final_byte = sequence_.back();
    const std::string body = sequence_.substr(0, sequence_.size() - 1);
    if (!body.empty() && body[0] == '?') {
        csi_private();
        return;
    }
    if (body.find_first_not_of("0123456789;") != std::string::npos) {
        report("ESC [" + printable(sequence_));
        return;
    }
    const std::vector<int> params = parse_params(body);
    const int first = params.empty() ? 0 : params[0];
    const int n = std::max(1, first);
    Row& row = screen_[static_cast<std::size_t>(row_)];
    switch (final_byte) {
        case 'A':
            row_ = std::max(0, row_ - n);
            break;
        case 'B':
            row_ = std::min(rows_ - 1, row_ + n);
            break;
        case 'C':
            column_ = std::min(columns_ - 1, column_ + n);
            break;
        case 'D':
            column_ = std::max(0, column_ - n);
            break;
        case 'G':
            column_ = std::min(columns_, n) - 1;
            break;
        case 'H': {
            row_ = std::min(rows_, n) - 1;
            const int column = params.size() > 1 ? std::max(1, params[1]) : 1;
            column_ = std::min(columns_, column) - 1;
            break;
        }
        case 'J':
            if (first == 0) {
                erase(row, column_, columns_);
                for (int r = row_ + 1; r < rows_; ++r) {
                    erase(screen_[static_cast<std::size_t>(r)], 0, columns_);
                }
            } else if (first == 1) {
                for (int r = 0; r < row_; ++r) {
                    erase(screen_[static_cast<std::size_t>(r)], 0, columns_);
                }
                erase(row, 0, column_ + 1);
            } else if (first == 2) {
                for (Row& r : screen_) {
                    erase(r, 0, columns_);
                }
            } else {
                report("ESC [" + printable(sequence_));
                return;
            }
            break;
        case 'K':
            if (first == 0) {
                erase(row, column_, columns_);
            } else if (first == 1) {
                erase(row, 0, column_ + 1);
            } else if (first == 2) {
                erase(row, 0, columns_);
            } else {
                report("ESC [" + printable(sequence_));
                return;
            }
            break;
        case 'm':
            sgr(params);
            return;  // the wrap stays pending
        default:
            report("ESC [" + printable(sequence_));
            return;
    }
    wrap_pending_ = false;
}

void VtScreen::csi_private() {
    const char final_byte = sequence_.back();
    const std::string body = sequence_.substr(1, sequence_.size() - 2);
    if ((final_byte != 'h' && final_byte != 'l') ||
        body.find_first_not_of("0123456789;") != std::string::npos || body.empty()) {
        report("ESC [" + printable(sequence_));
        return;
    }
    for (const int mode : parse_params(body)) {
        // 1: cursor keys, 25: cursor shown, 2004: bracketed paste. None changes the screen.
        if (mode != 1 && mode != 25 && mode != 2004) {
            report("ESC [" + printable(sequence_) + " (mode " + std::to_string(mode) + ")");
        }
    }
}

void VtScreen::sgr(const std::vector<int>& given) {
    const std::vector<int> params = given.empty() ? std::vector<int>{0} : given;
    auto bad = [&](const std::string& why) {
        report("ESC [" + printable(sequence_) + " (" + why + ")");
    };
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int p = params[i];
        if (p == 38 || p == 48) {
            int32_t colour = -1;
            if (i + 2 < params.size() && params[i + 1] == 5 && params[i + 2] < 256) {
                colour = params[i + 2];
                i += 2;
            } else if (i + 4 < params.size() && params[i + 1] == 2 && params[i + 2] < 256 &&
                       params[i + 3] < 256 && params[i + 4] < 256) {
                colour =
                    VtStyle::kRgb | (params[i + 2] << 16) | (params[i + 3] << 8) | params[i + 4];
                i += 4;
            } else {
                bad("extended colour");
                return;
            }
            (p == 38 ? style_.fg : style_.bg) = colour;
            continue;
        }
        if (p >= 30 && p <= 37) {
            style_.fg = p - 30;
        } else if (p >= 90 && p <= 97) {
            style_.fg = p - 90 + 8;
        } else if (p >= 40 && p <= 47) {
            style_.bg = p - 40;
        } else if (p >= 100 && p <= 107) {
            style_.bg = p - 100 + 8;
        } else if (p == 0) {
            std::string link = std::move(style_.link);  // OSC 8 is not SGR's
            style_ = VtStyle{};
            style_.link = std::move(link);
        } else if (p == 39) {
            style_.fg = -1;
        } else if (p == 49) {
            style_.bg = -1;
        } else {
            bool known = false;
            for (const Attribute& a : kAttributes) {
                if (p == a.on || p == a.also_on || p == a.off) {
                    style_.*a.member = p != a.off;
                    known = true;
                }
            }
            if (!known) {
                bad("SGR " + std::to_string(p));
                return;
            }
        }
    }
}

void VtScreen::osc() {
    // OSC 8 ; params ; URI
    if (sequence_.rfind("8;", 0) == 0) {
        const auto uri_at = sequence_.find(';', 2);
        if (uri_at != std::string::npos) {
            style_.link = sequence_.substr(uri_at + 1);
            if (!style_.link.empty()) {
                links_.push_back(style_.link);
            }
            return;
        }
    }
    report("ESC ]" + printable(sequence_));
}

void VtScreen::print(char32_t code_point, std::string_view utf8) {
    const int width = width_of(code_point);
    if (width < 0 || (code_point >= 0x80 && code_point < 0xa0)) {
        char text[40];
        std::snprintf(text, sizeof text, "unprintable U+%04X", static_cast<unsigned>(code_point));
        report(text);
        return;
    }
    Row* row = &screen_[static_cast<std::size_t>(row_)];
    if (width == 0) {  // a combining mark: joins the character before the cursor
        int at = wrap_pending_ ? column_ : column_ - 1;
        while (at > 0 && (*row)[static_cast<std::size_t>(at)].text.empty()) {
            --at;
        }
        if (at >= 0) {
            (*row)[static_cast<std::size_t>(at)].text += utf8;
        }
        return;
    }
    if (wrap_pending_ || (width == 2 && column_ == columns_ - 1)) {
        wrap_pending_ = false;
        column_ = 0;
        line_feed();
        row = &screen_[static_cast<std::size_t>(row_)];
    }
    auto at = [row](int column) -> VtCell& { return (*row)[static_cast<std::size_t>(column)]; };
    // Writing over half of a wide character blanks its other half.
    if (at(column_).text.empty() && column_ > 0) {
        at(column_ - 1) = VtCell{};
    }
    const int last = column_ + width - 1;
    if (last + 1 < columns_ && at(last + 1).text.empty()) {
        at(last + 1) = VtCell{};
    }
    at(column_) = VtCell{std::string(utf8), style_};
    if (width == 2) {
        at(column_ + 1) = VtCell{"", style_};
    }
    if (column_ + width >= columns_) {
        column_ = columns_ - 1;
        wrap_pending_ = true;
    } else {
        column_ += width;
    }
}

void VtScreen::line_feed() {
    if (row_ < rows_ - 1) {
        ++row_;
        return;
    }
    scrollback_.push_back(std::move(screen_.front()));
    screen_.erase(screen_.begin());
    screen_.emplace_back(static_cast<std::size_t>(columns_));
}

void VtScreen::erase(Row& row, int from, int to) {
    from = std::max(0, from);
    to = std::min(columns_, to);
    // Erasing half of a wide character erases all of it.
    if (from > 0 && from < columns_ && row[static_cast<std::size_t>(from)].text.empty()) {
        row[static_cast<std::size_t>(from - 1)] = VtCell{};
    }
    if (to < columns_ && row[static_cast<std::size_t>(to)].text.empty()) {
        row[static_cast<std::size_t>(to)] = VtCell{};
    }
    for (int c = from; c < to; ++c) {
        row[static_cast<std::size_t>(c)] = VtCell{};
    }
}

std::string VtScreen::row_dump(const Row& row, bool tags) const {
    std::size_t end = row.size();
    while (end > 0 && row[end - 1].text == " " && !visible_blank(row[end - 1].style)) {
        --end;
    }
    std::string out;
    VtStyle current;
    for (std::size_t c = 0; c < end; ++c) {
        const VtCell& cell = row[c];
        if (cell.text.empty()) {
            continue;
        }
        if (tags && cell.style != current) {
            if (!current.plain()) {
                out += "</>";
            }
            out += open_tags(cell.style);
            current = cell.style;
        }
        for (const char ch : cell.text) {
            out += ch;
            if (tags && ch == '<') {
                out += '<';
            }
        }
    }
    if (tags && !current.plain()) {
        out += "</>";
    }
    return out;
}

std::string VtScreen::all_rows(bool tags) const {
    std::vector<std::string> lines;
    for (const Row& row : scrollback_) {
        lines.push_back(row_dump(row, tags));
    }
    for (const Row& row : screen_) {
        lines.push_back(row_dump(row, tags));
    }
    while (!lines.empty() && lines.back().empty()) {
        lines.pop_back();
    }
    std::string out;
    for (const std::string& line : lines) {
        out += line;
        out += '\n';
    }
    return out;
}

std::string VtScreen::dump() const {
    return all_rows(true);
}

std::string VtScreen::text() const {
    return all_rows(false);
}

}  // namespace klaude::testing
