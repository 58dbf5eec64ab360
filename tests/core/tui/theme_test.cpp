#include "core/tui/theme.h"

#include <gtest/gtest.h>

namespace klaude::core::tui {
namespace {

TEST(ThemeTest, AnsiStatesTheWholeStyleInOneSequence) {
    std::string out;
    Theme::ansi().set(out, Style{Style::kBold | Style::kUnderline, 5});
    EXPECT_EQ(out, "\x1b[0;1;4;35m");
    out.clear();
    Theme::ansi().set(out, Style{0, 9});  // bright red
    EXPECT_EQ(out, "\x1b[0;91m");
}

TEST(ThemeTest, PaintWrapsTheTextAndResets) {
    EXPECT_EQ(Theme::ansi().paint(Role::kStrong, "hi"), "\x1b[0;1mhi\x1b[0m");
    EXPECT_EQ(Theme::ansi().paint(Role::kPlain, "hi"), "hi");
}

TEST(ThemeTest, PlainWritesNoSequenceAtAll) {
    const Theme plain = Theme::plain();
    for (int role = 0; role < static_cast<int>(Role::kCount); ++role) {
        EXPECT_EQ(plain.paint(static_cast<Role>(role), "x"), "x");
    }
    std::string out;
    plain.set(out, Style{Style::kBold, 1});
    plain.reset(out);
    EXPECT_EQ(out, "");
}

TEST(ThemeTest, TaggedIsReadable) {
    EXPECT_EQ(Theme::tagged().paint(Role::kDiffAdd, "+a"), "{fg=2}+a{/}");
    EXPECT_EQ(Theme::tagged().paint(Role::kH1, "T"), "{b}{u}{fg=5}T{/}");
}

TEST(ThemeTest, NestedStylesAddAttributesAndTheInnerColourWins) {
    const Style outer{Style::kBold, 1};
    EXPECT_EQ(outer | Style{Style::kItalic, -1}, (Style{Style::kBold | Style::kItalic, 1}));
    EXPECT_EQ(outer | Style{0, 2}, (Style{Style::kBold, 2}));
}

}  // namespace
}  // namespace klaude::core::tui
