// The interactive session's styles by role, and how a style is written: ANSI SGR for a colour
// terminal, nothing for plain output, or readable tags ({b}{fg=2}...{/}) for test goldens.
// Renderers ask for a role ("a link", "an added diff line"), never for a colour, so the palette
// is chosen here once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace klaude::core::tui {

enum class Role {
    kPlain,
    kStrong,
    kEmphasis,
    kStrike,
    kCode,  // inline code
    kLink,
    kUrl,  // a link's target when shown as text
    kH1,
    kH2,
    kH3,  // and below
    kQuote,
    kBullet,
    kRule,
    kDim,
    kPrompt,
    // code blocks
    kKeyword,
    kType,
    kString,
    kComment,
    kNumber,
    kPreproc,
    // diffs
    kDiffAdd,
    kDiffDel,
    kDiffHunk,
    kDiffFile,
    // status
    kTool,
    kError,
    kOk,
    kCount
};

struct Style {
    enum Attr : uint8_t {
        kBold = 1,
        kDim = 2,
        kItalic = 4,
        kUnderline = 8,
        kStrikethrough = 16,
    };
    uint8_t attrs = 0;
    int8_t fg = -1;  // 0-7 the basic colours, 8-15 their bright forms, -1 the default

    // Nesting: attributes add up, an inner colour wins.
    Style operator|(Style inner) const {
        return Style{static_cast<uint8_t>(attrs | inner.attrs), inner.fg >= 0 ? inner.fg : fg};
    }
    bool operator==(const Style& other) const { return attrs == other.attrs && fg == other.fg; }
    bool operator!=(const Style& other) const { return !(*this == other); }
    bool plain() const { return attrs == 0 && fg < 0; }
};

class Theme {
  public:
    enum class Output { kAnsi, kPlain, kTagged };

    static Theme ansi();
    static Theme plain();
    static Theme tagged();  // for tests: {b}{dim}{i}{u}{s}{fg=N} ... {/}

    Output output() const { return output_; }
    bool styled() const { return output_ != Output::kPlain; }
    Style style(Role role) const { return styles_[static_cast<int>(role)]; }

    // Appends what switches the terminal to exactly `style` (one full sequence, whatever was
    // on before); nothing when plain.
    void set(std::string& out, Style style) const;
    // Appends what returns to the default style; nothing when plain.
    void reset(std::string& out) const;
    // `text` in `role`'s style, then reset.
    void paint(std::string& out, Role role, std::string_view text) const;
    std::string paint(Role role, std::string_view text) const;

  private:
    explicit Theme(Output output);
    Output output_;
    Style styles_[static_cast<int>(Role::kCount)];
};

}  // namespace klaude::core::tui
