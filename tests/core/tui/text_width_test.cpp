// Display width, sanitising of model text, and the greedy row builder.
#include "core/tui/text_width.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <clocale>

namespace klaude::core::tui {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> texts(const std::vector<BuiltRow>& rows) {
    std::vector<std::string> out;
    for (const BuiltRow& row : rows) {
        out.push_back(row.text);
    }
    return out;
}

// Whatever the locale: klaude runs with a UTF-8 one, the tests with "C" unless set.
class TextWidthTest : public ::testing::TestWithParam<const char*> {
  protected:
    void SetUp() override { std::setlocale(LC_CTYPE, GetParam()); }
    void TearDown() override { std::setlocale(LC_CTYPE, "C"); }
};

TEST_P(TextWidthTest, AsciiCjkEmojiAndCombiningMarks) {
    EXPECT_EQ(display_width("hello"), 5);
    EXPECT_EQ(display_width("\xe4\xb8\xad\xe6\x96\x87"), 4);  // 中文
    EXPECT_EQ(display_width("\xf0\x9f\x98\x80"), 2);          // 😀
    EXPECT_EQ(display_width("e\xcc\x81"), 1);                 // e + combining acute
    EXPECT_EQ(display_width("caf\xc3\xa9"), 4);               // café precomposed
    EXPECT_EQ(display_width("\xff"), 1);                      // invalid: one U+FFFD
}

INSTANTIATE_TEST_SUITE_P(Locales, TextWidthTest, ::testing::Values("C", "C.UTF-8"));

TEST(AppendVisibleTest, ControlsEscAndInvalidBytesBecomeReplacementCharacters) {
    std::string out;
    append_visible(out, "a\x1b[31mb\tc\x07\x7f\xc2\x9b\xff\xe4\xb8\xad");
    EXPECT_EQ(out,
              "a\xef\xbf\xbd[31mb\tc\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xe4\xb8\xad");
    std::string clean;
    append_visible(clean, "plain text, caf\xc3\xa9");
    EXPECT_EQ(clean, "plain text, caf\xc3\xa9");
}

TEST(AppendVisibleTest, WithoutUnicodeTheReplacementIsAQuestionMark) {
    std::string out;
    append_visible(out,
                   "a\x1b[31mb\x07"
                   "c",
                   /*unicode=*/false);
    EXPECT_EQ(out, "a?[31mb?c");
}

TEST(ClipToWidthTest, CutsByColumnsAndMarksTheCut) {
    EXPECT_EQ(clip_to_width("short", 10, true), "short");
    EXPECT_EQ(clip_to_width("abcdefghij", 6, true), "abcde\u2026");
    EXPECT_EQ(clip_to_width("abcdefghij", 6, false), "abc...");
    // Wide characters take two columns each: three of them and the ellipsis fit in 7.
    EXPECT_EQ(clip_to_width("\u65e5\u672c\u8a9e\u306e\u6587", 7, true), "\u65e5\u672c\u8a9e\u2026");
}

TEST(RowBuilderTest, GreedyWrapWithPrefixes) {
    const Theme theme = Theme::tagged();
    RowBuilder rows(12, RowPrefix{"* ", 2}, RowPrefix{"  ", 2}, theme);
    rows.add("one two three four", Style{});
    EXPECT_THAT(texts(rows.finish()), ElementsAre("* one two", "  three four"));
}

TEST(RowBuilderTest, StylesCloseAtEveryRowEndAndReopenOnTheNext) {
    const Theme theme = Theme::tagged();
    RowBuilder rows(8, {}, {}, theme);
    rows.add("plain ", Style{});
    rows.add("bold words", theme.style(Role::kStrong));
    EXPECT_THAT(texts(rows.finish()), ElementsAre("plain", "{b}bold{/}", "{b}words{/}"));
}

TEST(RowBuilderTest, AWordAcrossStylesStaysWhole) {
    const Theme theme = Theme::tagged();
    RowBuilder rows(10, {}, {}, theme);
    rows.add("aaaaaa ", Style{});
    rows.add("bb", theme.style(Role::kStrong));
    rows.add("cc", Style{});
    EXPECT_THAT(texts(rows.finish()), ElementsAre("aaaaaa", "{b}bb{/}cc"));
}

TEST(RowBuilderTest, WideCharactersAreCountedByColumns) {
    std::setlocale(LC_CTYPE, "C.UTF-8");
    const Theme theme = Theme::plain();
    RowBuilder rows(5, {}, {}, theme);
    rows.add("\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad", Style{});  // 6 columns, one word
    const auto built = rows.finish();
    ASSERT_EQ(built.size(), 2u);
    EXPECT_EQ(built[0].width, 4);
    EXPECT_EQ(built[1].width, 2);
    std::setlocale(LC_CTYPE, "C");
}

TEST(RowBuilderTest, HardBreaksMakeRowsEvenEmptyOnes) {
    const Theme theme = Theme::plain();
    RowBuilder rows(20, {}, {}, theme);
    rows.add("a", Style{});
    rows.hard_break();
    rows.hard_break();
    rows.add("b", Style{});
    EXPECT_THAT(texts(rows.finish()), ElementsAre("a", "", "b"));
}

TEST(RowBuilderTest, LinksAreClosedAndReopenedAcrossRows) {
    const Theme theme = Theme::tagged();
    RowBuilder rows(6, {}, {}, theme);
    rows.set_link(rows.define_link("<L>", "</L>"));
    rows.add("ab cd", Style{});
    rows.set_link(-1);
    rows.add(" x", Style{});
    EXPECT_THAT(texts(rows.finish()), ElementsAre("<L>ab cd</L>", "x"));
    RowBuilder narrow(3, {}, {}, theme);
    narrow.set_link(narrow.define_link("<L>", "</L>"));
    narrow.add("ab cd", Style{});
    EXPECT_THAT(texts(narrow.finish()), ElementsAre("<L>ab</L>", "<L>cd</L>"));
}

}  // namespace
}  // namespace klaude::core::tui
