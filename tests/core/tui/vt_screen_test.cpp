// The test-only terminal model (vt_screen.h) that the snapshot test reads klaude's output with.
#include "tests/core/tui/vt_screen.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace klaude::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(VtScreenTest, TextAndLineControls) {
    VtScreen vt(20, 5);
    vt.feed("hello\r\nworld\rW\n\rx\ty\bY\a");
    EXPECT_EQ(vt.text(), "hello\nWorld\nx       Y\n");
    EXPECT_EQ(vt.cursor_row(), 2);
    EXPECT_EQ(vt.cursor_column(), 9);
    EXPECT_EQ(vt.bells(), 1);
    EXPECT_TRUE(vt.unknown().empty());
}

TEST(VtScreenTest, WrapsAtTheRightMarginOnlyWhenTheNextCharacterComes) {
    VtScreen vt(5, 4);
    vt.feed("abcde");  // fills the row: the cursor waits on the last column
    EXPECT_EQ(vt.cursor_row(), 0);
    EXPECT_EQ(vt.cursor_column(), 4);
    vt.feed("\r\nfghijk");  // so CR LF after a full row makes no empty row
    EXPECT_EQ(vt.text(), "abcde\nfghij\nk\n");
    vt.feed("\r\x1b[2K12345\r\x1b[2Kxy");  // a status row, drawn and erased
    EXPECT_EQ(vt.text(), "abcde\nfghij\nxy\n");
}

TEST(VtScreenTest, RowsScrolledOffAreKept) {
    VtScreen vt(10, 3);
    vt.feed("1\r\n2\r\n3\r\n4\r\n5");
    EXPECT_EQ(vt.scrollback_size(), 2u);
    EXPECT_EQ(vt.text(), "1\n2\n3\n4\n5\n");
    EXPECT_EQ(vt.cell(0, 0).text, "3");
}

TEST(VtScreenTest, CursorMovesAndErases) {
    VtScreen vt(10, 4);
    vt.feed("abcdef\r\nghijkl\r\nmnopqr");
    vt.feed("\x1b[2A\x1b[3GX");   // row 0, column 3
    vt.feed("\x1b[B\x1b[2DY");    // row 1, column 1
    vt.feed("\x1b[CZ");           // column 3
    vt.feed("\x1b[3;5H\x1b[K");   // row 2 from column 5
    vt.feed("\x1b[1;2H\x1b[1K");  // row 0 up to column 2
    EXPECT_EQ(vt.text(), "  Xdef\ngYiZkl\nmnop\n");
    vt.feed("\x1b[2;3H\x1b[J");
    EXPECT_EQ(vt.text(), "  Xdef\ngY\n");
    vt.feed("\x1b[1;4H\x1b[1J");
    EXPECT_EQ(vt.text(), "    ef\ngY\n");
    vt.feed("\x1b[2J\x1b[H!");
    EXPECT_EQ(vt.text(), "!\n");
    vt.feed("\x1b[99;99HZ");  // clamped
    EXPECT_EQ(vt.cursor_row(), 3);
    EXPECT_TRUE(vt.unknown().empty());
}

TEST(VtScreenTest, SgrBecomesTags) {
    VtScreen vt(40, 3);
    vt.feed("\x1b[0;1mbold\x1b[0m \x1b[0;2mdim\x1b[0m \x1b[0;1;4;35mhead\x1b[0m <x>\r\n");
    vt.feed("\x1b[3;9;7mall\x1b[22;23;29;27m off\x1b[91;44m bright\x1b[39;49m");
    vt.feed("\x1b[38;5;208mA\x1b[38;2;1;2;3mB\x1b[48;2;255;0;16mC\x1b[m\x1b[5;8mD\x1b[25;28mE");
    EXPECT_EQ(vt.dump(),
              "<b>bold</> <dim>dim</> <b><u><fg=5>head</> <<x>\n"
              "<i><inv><s>all</> off<fg=9><bg=4> bright</>"
              "<fg=208>A</><fg=#010203>B</><fg=#010203><bg=#ff0010>C</><blink><hidden>D</>E\n");
    EXPECT_EQ(vt.text(), "bold dim head <x>\nall off brightABCDE\n");
    EXPECT_TRUE(vt.cell(0, 0).style.bold);
    EXPECT_TRUE(vt.cell(0, 5).style.dim);
    EXPECT_EQ(vt.cell(0, 9).style.fg, 5);
    EXPECT_TRUE(vt.unknown().empty());
}

TEST(VtScreenTest, StyledBlanksAtTheEndOnlyWhenVisible) {
    VtScreen vt(20, 2);
    vt.feed("a\x1b[1m   \x1b[0m\r\nb\x1b[4m  \x1b[0m");
    EXPECT_EQ(vt.dump(), "a\nb<u>  </>\n");
}

TEST(VtScreenTest, Osc8LinksAreRecorded) {
    VtScreen vt(40, 2);
    vt.feed("see \x1b]8;;https://example.com/a\x1b\\the \x1b[1mdocs\x1b[0m\x1b]8;;\x1b\\ now");
    vt.feed(" \x1b]8;id=1;https://example.com/b\aB\x1b]8;;\a");
    EXPECT_THAT(vt.links(), ElementsAre("https://example.com/a", "https://example.com/b"));
    EXPECT_EQ(vt.dump(),
              "see <link=https://example.com/a>the </><b><link=https://example.com/a>docs</> now "
              "<link=https://example.com/b>B</>\n");
    EXPECT_EQ(vt.cell(0, 4).style.link, "https://example.com/a");
    EXPECT_TRUE(vt.unknown().empty());
}

TEST(VtScreenTest, WideAndCombiningCharacters) {
    VtScreen vt(5, 3);
    vt.feed("\xe4\xb8\xad\xe6\x96\x87x");  // 中文 take two columns each
    EXPECT_EQ(vt.cursor_column(), 4);
    vt.feed("\xe5\xad\x97");           // 字 does not fit in the last column: it wraps
    vt.feed("e\xcc\x81\xe2\x80\xa2");  // e + combining acute, then a one-column bullet
    EXPECT_EQ(vt.text(), "\xe4\xb8\xad\xe6\x96\x87x\n\xe5\xad\x97\x65\xcc\x81\xe2\x80\xa2\n");
    vt.feed("\r\x1b[1Cy");  // over the right half of 字: the whole of it goes
    EXPECT_EQ(vt.text(), "\xe4\xb8\xad\xe6\x96\x87x\n y\x65\xcc\x81\xe2\x80\xa2\n");
    EXPECT_TRUE(vt.unknown().empty());
}

TEST(VtScreenTest, ModesKlaudeSetsAreIgnored) {
    VtScreen vt(20, 2);
    vt.feed("\x1b[?2004h\x1b[?25l\x1b[?1h\x1b=a\x1b[?2004l\x1b[?25h\x1b[?1l\x1b>b");
    EXPECT_EQ(vt.text(), "ab\n");
    EXPECT_TRUE(vt.unknown().empty());
}

TEST(VtScreenTest, UnknownSequencesAreReported) {
    VtScreen vt(20, 2);
    vt.feed(
        "\x1b[5n\x1b"
        "7\x1b]0;title\a\x01\x1b[?1049h\x1b[58m\x1b[3J\x1b[1 q\xff\xc2\x85");
    EXPECT_THAT(vt.unknown(), ElementsAre("ESC [5n", "ESC 7", "ESC ]0;title", "control <01>",
                                          "ESC [?1049h (mode 1049)", "ESC [58m (SGR 58)", "ESC [3J",
                                          "ESC [1 q", "invalid UTF-8 <ff>", "unprintable U+0085"));
}

TEST(VtScreenTest, FeedingInPiecesIsFeedingTheWhole) {
    const std::string bytes =
        "\x1b[0;1m\xe2\xa0\x8b\x1b[0m wait\r\x1b[2K\x1b]8;;https://x.y/\x1b\\\xe4\xb8\xad"
        "\x1b]8;;\x1b\\ \x1b[0;32m+2\x1b[0m\r\n\x1b[?2004h> ok";
    VtScreen whole(20, 3);
    whole.feed(bytes);
    VtScreen pieces(20, 3);
    for (const char c : bytes) {
        pieces.feed(std::string(1, c));
    }
    EXPECT_EQ(pieces.dump(), whole.dump());
    EXPECT_EQ(whole.dump(), "<link=https://x.y/>\xe4\xb8\xad</> <fg=2>+2</>\n> ok\n");
    EXPECT_TRUE(pieces.unknown().empty());
    EXPECT_THAT(pieces.links(), ElementsAre("https://x.y/"));
}

}  // namespace
}  // namespace klaude::testing
