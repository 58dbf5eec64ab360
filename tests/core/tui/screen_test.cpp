#include "core/tui/screen.h"

#include <gtest/gtest.h>

#include "tests/core/tui/tui_test_support.h"

namespace klaude::core::tui {
namespace {

constexpr TerminalCaps kTerminal{true, true, true, true, false};

class ScreenTest : public ::testing::Test {
  protected:
    ~ScreenTest() override { std::fclose(out_); }
    std::FILE* out_ = std::tmpfile();
};

TEST_F(ScreenTest, TheStatusRowIsErasedBeforeTheNextWrite) {
    Screen screen(out_, kTerminal, Theme::plain());
    screen.show_status("waiting");
    screen.write("text\n");
    EXPECT_EQ(testing::read_all(out_), "\r\x1b[2Kwaiting\r\x1b[2Ktext\n");
}

TEST_F(ScreenTest, NoStatusMidRowNorWithoutCursorControl) {
    Screen screen(out_, kTerminal, Theme::plain());
    screen.write("half a row");
    screen.show_status("waiting");  // would overwrite the row's text
    screen.clear_status();
    Screen dumb(out_, TerminalCaps{true, false, false, false, false}, Theme::plain());
    dumb.show_status("waiting");
    EXPECT_EQ(testing::read_all(out_), "half a row");
}

TEST_F(ScreenTest, EndLineOnlyWhenARowIsOpen) {
    Screen screen(out_, TerminalCaps::none());
    screen.end_line();
    screen.write("a");
    screen.end_line();
    screen.end_line();
    EXPECT_TRUE(screen.at_line_start());
    EXPECT_EQ(testing::read_all(out_), "a\n");
}

TEST_F(ScreenTest, NotATerminalIsEightyColumnsAndPlain) {
    Screen screen(out_, TerminalCaps::none());
    EXPECT_EQ(screen.columns(), 80);
    EXPECT_FALSE(screen.theme().styled());
}

}  // namespace
}  // namespace klaude::core::tui
