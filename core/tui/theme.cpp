#include "core/tui/theme.h"

namespace klaude::core::tui {

namespace {

constexpr int8_t kRed = 1;
constexpr int8_t kGreen = 2;
constexpr int8_t kYellow = 3;
constexpr int8_t kBlue = 4;
constexpr int8_t kMagenta = 5;
constexpr int8_t kCyan = 6;

Style attrs(uint8_t a) {
    return Style{a, -1};
}
Style colour(int8_t fg, uint8_t a = 0) {
    return Style{a, fg};
}

}  // namespace

Theme::Theme(Output output) : output_(output) {
    auto at = [this](Role role) -> Style& { return styles_[static_cast<int>(role)]; };
    // The basic eight colours only: they follow the user's terminal palette, light or dark.
    at(Role::kStrong) = attrs(Style::kBold);
    at(Role::kEmphasis) = attrs(Style::kItalic);
    at(Role::kStrike) = attrs(Style::kStrikethrough);
    at(Role::kCode) = colour(kCyan);
    at(Role::kLink) = colour(kBlue, Style::kUnderline);
    at(Role::kUrl) = attrs(Style::kDim);
    at(Role::kH1) = colour(kMagenta, Style::kBold | Style::kUnderline);
    at(Role::kH2) = colour(kMagenta, Style::kBold);
    at(Role::kH3) = attrs(Style::kBold);
    at(Role::kQuote) = attrs(Style::kDim);
    at(Role::kBullet) = attrs(Style::kDim);
    at(Role::kRule) = attrs(Style::kDim);
    at(Role::kDim) = attrs(Style::kDim);
    at(Role::kPrompt) = attrs(Style::kBold);
    at(Role::kKeyword) = colour(kMagenta);
    at(Role::kType) = colour(kYellow);
    at(Role::kString) = colour(kGreen);
    at(Role::kComment) = attrs(Style::kDim | Style::kItalic);
    at(Role::kNumber) = colour(kCyan);
    at(Role::kPreproc) = colour(kBlue);
    at(Role::kDiffAdd) = colour(kGreen);
    at(Role::kDiffDel) = colour(kRed);
    at(Role::kDiffHunk) = colour(kCyan);
    at(Role::kDiffFile) = attrs(Style::kBold);
    at(Role::kTool) = attrs(Style::kBold);
    at(Role::kError) = colour(kRed);
    at(Role::kOk) = colour(kGreen);
}

Theme Theme::ansi() {
    return Theme(Output::kAnsi);
}
Theme Theme::plain() {
    return Theme(Output::kPlain);
}
Theme Theme::tagged() {
    return Theme(Output::kTagged);
}

void Theme::set(std::string& out, Style style) const {
    if (output_ == Output::kPlain) {
        return;
    }
    if (output_ == Output::kTagged) {
        if (style.plain()) {
            out += "{/}";
            return;
        }
        if (style.attrs & Style::kBold)
            out += "{b}";
        if (style.attrs & Style::kDim)
            out += "{dim}";
        if (style.attrs & Style::kItalic)
            out += "{i}";
        if (style.attrs & Style::kUnderline)
            out += "{u}";
        if (style.attrs & Style::kStrikethrough)
            out += "{s}";
        if (style.fg >= 0)
            out += "{fg=" + std::to_string(style.fg) + "}";
        return;
    }
    // "0;" first: the sequence states the whole style, so nothing leaks from the one before.
    out += "\x1b[0";
    if (style.attrs & Style::kBold)
        out += ";1";
    if (style.attrs & Style::kDim)
        out += ";2";
    if (style.attrs & Style::kItalic)
        out += ";3";
    if (style.attrs & Style::kUnderline)
        out += ";4";
    if (style.attrs & Style::kStrikethrough)
        out += ";9";
    if (style.fg >= 0) {
        out += ';';
        out += std::to_string(style.fg < 8 ? 30 + style.fg : 90 + (style.fg - 8));
    }
    out += 'm';
}

void Theme::reset(std::string& out) const {
    if (output_ == Output::kAnsi) {
        out += "\x1b[0m";
    } else if (output_ == Output::kTagged) {
        out += "{/}";
    }
}

void Theme::paint(std::string& out, Role role, std::string_view text) const {
    const Style s = style(role);
    if (s.plain() || output_ == Output::kPlain) {
        out += text;
        return;
    }
    set(out, s);
    out += text;
    reset(out);
}

std::string Theme::paint(Role role, std::string_view text) const {
    std::string out;
    paint(out, role, text);
    return out;
}

}  // namespace klaude::core::tui
