#include "core/tui/terminal_caps.h"

#include <gtest/gtest.h>
#include <pty.h>
#include <unistd.h>

#include <map>
#include <string>

namespace klaude::core::tui {
namespace {

// A pseudo-terminal for the duration of a test: detect_terminal needs a real tty.
class TerminalCapsTest : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(::openpty(&master_, &slave_, nullptr, nullptr, nullptr), 0); }
    void TearDown() override {
        ::close(master_);
        ::close(slave_);
    }
    TerminalCaps detect(std::map<std::string, std::string> env) {
        return detect_terminal(slave_, [&env](const char* name) -> const char* {
            auto found = env.find(name);
            return found == env.end() ? nullptr : found->second.c_str();
        });
    }
    int master_ = -1;
    int slave_ = -1;
};

TEST_F(TerminalCapsTest, AColourTerminal) {
    const TerminalCaps caps = detect({{"TERM", "xterm-256color"}});
    EXPECT_TRUE(caps.tty);
    EXPECT_TRUE(caps.color);
    EXPECT_TRUE(caps.cursor);
    EXPECT_FALSE(caps.hyperlinks);
}

TEST_F(TerminalCapsTest, NoColorTakesColourAwayButKeepsTheLayout) {
    const TerminalCaps caps = detect({{"TERM", "xterm"}, {"NO_COLOR", "1"}});
    EXPECT_TRUE(caps.tty);
    EXPECT_FALSE(caps.color);
    EXPECT_TRUE(caps.cursor);
}

TEST_F(TerminalCapsTest, AnEmptyNoColorIsUnset) {  // as no-color.org says
    EXPECT_TRUE(detect({{"TERM", "xterm"}, {"NO_COLOR", ""}}).color);
}

TEST_F(TerminalCapsTest, DumbHasNeitherColourNorCursorNorUnicode) {
    const TerminalCaps caps = detect({{"TERM", "dumb"}});
    EXPECT_TRUE(caps.tty);
    EXPECT_FALSE(caps.color);
    EXPECT_FALSE(caps.cursor);
    EXPECT_FALSE(caps.unicode);
}

TEST_F(TerminalCapsTest, HyperlinksFollowTheTerminalAndForceHyperlinkWins) {
    EXPECT_TRUE(detect({{"TERM", "xterm-kitty"}}).hyperlinks);
    EXPECT_TRUE(detect({{"TERM", "xterm"}, {"TERM_PROGRAM", "WezTerm"}}).hyperlinks);
    EXPECT_TRUE(detect({{"TERM", "xterm"}, {"VTE_VERSION", "6003"}}).hyperlinks);
    EXPECT_FALSE(detect({{"TERM", "xterm"}, {"VTE_VERSION", "4600"}}).hyperlinks);
    EXPECT_FALSE(detect({{"TERM", "xterm-kitty"}, {"FORCE_HYPERLINK", "0"}}).hyperlinks);
    EXPECT_TRUE(detect({{"TERM", "xterm"}, {"FORCE_HYPERLINK", "1"}}).hyperlinks);
}

TEST(TerminalCapsPipeTest, APipeIsNoTerminalWhateverTheEnvironmentSays) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const TerminalCaps caps =
        detect_terminal(fds[1], [](const char*) -> const char* { return "xterm-kitty"; });
    EXPECT_FALSE(caps.tty);
    EXPECT_FALSE(caps.color);
    EXPECT_FALSE(caps.cursor);
    EXPECT_FALSE(caps.hyperlinks);
    ::close(fds[0]);
    ::close(fds[1]);
}

}  // namespace
}  // namespace klaude::core::tui
