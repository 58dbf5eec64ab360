// The terminal habits of the interactive session, in a pseudo-terminal: the spinner while the
// model is silent, the footer after a turn, bracketed paste, Ctrl-Z and `fg`, and plain
// output for TERM=dumb and NO_COLOR. The model is the scripted fixture (scripted_plugin.cpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <fstream>

#include <thread>

#include "tests/core/support/run_klaude.h"
#include "tests/core/tui/pty_session.h"
#include "tests/core/tui/tui_test_support.h"

namespace klaude::core::tui {
namespace {

using klaude::testing::PtySession;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kReady = "Ctrl-D quits.";
constexpr const char* kPrompt = "\x1b[1m>\x1b[0m ";
constexpr const char* kPasteOn = "\x1b[?2004h";
constexpr const char* kPasteOff = "\x1b[?2004l";

class TerminalHabitsPtyTest : public ::testing::Test {
  protected:
    TerminalHabitsPtyTest() {
        std::filesystem::create_directories(scratch_.path() / "work");
        std::filesystem::create_directories(scratch_.path() / "user");
    }

    // klaude on the scripted model; `env` adds to (or, empty, removes from) the defaults.
    std::unique_ptr<PtySession> start(std::map<std::string, std::string> env = {}) {
        std::map<std::string, std::string> vars = {
            {"KLAUDE_HOME", (scratch_.path() / "home").string()},
            {"HOME", (scratch_.path() / "user").string()},
            {"TERM", "xterm"},
            {"EDITRC", ""},
            {"KLAUDE_PLUGIN_PATH", ""},
            {"KLAUDE_MODEL", ""},
            {"KLAUDE_LOG", ""},
            {"LANG", ""},
            {"LC_ALL", ""},
            {"LC_CTYPE", ""}};
        for (const auto& [name, value] : env) {
            vars[name] = value;
        }
        return std::make_unique<PtySession>(
            std::vector<std::string>{klaude::testing::klaude_binary(), "--plugin-dir",
                                     KLAUDE_TUI_PLUGIN_DIR, "-m", "scripted/scripted-1"},
            scratch_.path() / "work", vars);
    }

    static void quit(PtySession& klaude) {
        klaude.type("/quit\r");
        EXPECT_EQ(klaude.wait_exit(), 0) << klaude.output();
    }

    // Every saved session file's text, one after another.
    std::string saved_sessions() const {
        std::string all;
        for (const auto& entry :
             std::filesystem::recursive_directory_iterator(scratch_.path() / "home" / "sessions")) {
            if (entry.is_regular_file()) {
                std::ifstream in(entry.path());
                all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            }
        }
        return all;
    }

    testing::ScratchDir scratch_;
};

TEST_F(TerminalHabitsPtyTest, BracketedPasteIsOnePrompt) {
    auto klaude = start();
    ASSERT_TRUE(klaude->expect(kReady)) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPasteOn)) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    // A slow paste (the terminal sends it in two pieces 200 ms apart): still one prompt, and
    // a tab inside it is text, not completion.
    klaude->type("\x1b[200~one\rtwo");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    klaude->type("\rthree\x1b[201~\r");
    ASSERT_TRUE(klaude->expect(kPasteOff)) << klaude->output();
    ASSERT_TRUE(klaude->expect("You said: one\r\ntwo\r\nthree")) << klaude->output();
    // The last pasted line stays open for editing until Enter.
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("\x1b[200~draft\x1b[201~");
    ASSERT_TRUE(klaude->expect("draft")) << klaude->output();
    klaude->type(" edited\r");
    ASSERT_TRUE(klaude->expect("You said: draft edited")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    // A pasted line's final backslash is text (shell continuations survive a paste).
    // (The echo on screen is rendered Markdown, where "\\\n" is a line break: the saved
    // session has the prompt as the model got it.)
    klaude->type("\x1b[200~make \\\r\ttest\x1b[201~\r");
    ASSERT_TRUE(klaude->expect("You said: make")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    quit(*klaude);
    EXPECT_THAT(saved_sessions(), HasSubstr(R"("text":"make \\\n\ttest")"));
    EXPECT_THAT(klaude->output(), Not(HasSubstr("You said: one\r\n\r\n")));
}

TEST_F(TerminalHabitsPtyTest, ALongPasteInOneGoIsOnePrompt) {
    auto klaude = start();
    ASSERT_TRUE(klaude->expect(kReady)) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    std::string block;
    for (int i = 1; i <= 300; ++i) {
        block += "line " + std::to_string(i) + (i < 300 ? "\r" : "");
    }
    klaude->type("\x1b[200~" + block + "\x1b[201~\r");
    ASSERT_TRUE(klaude->expect("You said: line 1\r\nline 2\r\n")) << klaude->output();
    ASSERT_TRUE(klaude->expect("line 299\r\nline 300\r\n")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    quit(*klaude);
    EXPECT_THAT(klaude->unmatched(), Not(HasSubstr("You said:")));
}

TEST_F(TerminalHabitsPtyTest, CtrlZThenFgRedraws) {
    auto klaude = start();
    ASSERT_TRUE(klaude->expect(kReady)) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("half");
    ASSERT_TRUE(klaude->expect("half")) << klaude->output();
    klaude->type("\x1a");  // Ctrl-Z
    ASSERT_TRUE(klaude->wait_stopped()) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPasteOff)) << klaude->output();  // the shell gets a plain tty
    klaude->send_signal(SIGCONT);                                // what `fg` does
    ASSERT_TRUE(klaude->expect(kPasteOn)) << klaude->output();
    ASSERT_TRUE(klaude->expect("half")) << klaude->output();  // the prompt line, drawn again
    klaude->type(" done\r");
    ASSERT_TRUE(klaude->expect("You said: half done")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    quit(*klaude);
}

TEST_F(TerminalHabitsPtyTest, SpinnerShowsThenIsErased) {
    auto klaude = start();
    ASSERT_TRUE(klaude->expect(kReady)) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("slowstart please\r");
    ASSERT_TRUE(klaude->expect("waiting for the model")) << klaude->output();
    ASSERT_TRUE(klaude->expect("Ctrl-C cancels")) << klaude->output();
    ASSERT_TRUE(klaude->expect("\r\x1b[2KYou said: slowstart please")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    quit(*klaude);
}

TEST_F(TerminalHabitsPtyTest, AnApprovalTakesTheSpinnerOffWhileItAsks) {
    auto klaude = start();
    ASSERT_TRUE(klaude->expect(kReady)) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("write asked.txt hello\r");
    ASSERT_TRUE(klaude->expect("Allow?")) << klaude->output();
    // Several spinner periods: nothing may be drawn over the question.
    klaude->read_for(std::chrono::milliseconds(400));
    EXPECT_THAT(klaude->unmatched(), Not(HasSubstr("Ctrl-C cancels"))) << klaude->output();
    klaude->type("y\r");
    ASSERT_TRUE(klaude->expect("Done: Created asked.txt")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    quit(*klaude);
}

TEST_F(TerminalHabitsPtyTest, SpinnerFitsTheWidthAfterAResize) {
    auto klaude = start();
    ASSERT_TRUE(klaude->expect(kReady)) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->resize(30, 10);
    klaude->type("slowstart narrow\r");
    // 29 columns: the label is cut so the row never wraps.
    ASSERT_TRUE(klaude->expect("wait\xe2\x80\xa6 \xc2\xb7 ")) << klaude->output();
    ASSERT_TRUE(klaude->expect("You said: slowstart narrow")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    quit(*klaude);
}

TEST_F(TerminalHabitsPtyTest, FooterShowsCachedShareAndContextLeft) {
    auto klaude = start();
    ASSERT_TRUE(klaude->expect(kReady)) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("cached question\r");
    ASSERT_TRUE(klaude->expect("You said: cached question")) << klaude->output();
    ASSERT_TRUE(
        klaude->expect("tokens: 20 in (45% cached) · 10 out (4 reasoning) · context "
                       "8162 of 8192 left (99%)"))
        << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    // /model names the context window, and the next footer follows a switch.
    klaude->type("/model\r");
    ASSERT_TRUE(klaude->expect("context  8192 tokens")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    quit(*klaude);
}

TEST_F(TerminalHabitsPtyTest, DumbTerminalGetsNoSequences) {
    auto klaude = start({{"TERM", "dumb"}});
    ASSERT_TRUE(klaude->expect(kReady)) << klaude->output();
    ASSERT_TRUE(klaude->expect("> ")) << klaude->output();
    klaude->type("slowstart dumb\r");
    ASSERT_TRUE(klaude->expect("You said: slowstart dumb")) << klaude->output();
    ASSERT_TRUE(klaude->expect("tokens: 10 in - 5 out - context")) << klaude->output();
    ASSERT_TRUE(klaude->expect("> ")) << klaude->output();
    const std::string shown = klaude->output();
    EXPECT_THAT(shown, Not(HasSubstr("waiting for the model")));  // no spinner
    EXPECT_THAT(shown, Not(HasSubstr(kPasteOn)));
    EXPECT_THAT(shown, Not(HasSubstr("\x1b[1m")));
    quit(*klaude);
}

TEST_F(TerminalHabitsPtyTest, NoColorKeepsTheSpinnerButDropsTheStyling) {
    auto klaude = start({{"NO_COLOR", "1"}});
    ASSERT_TRUE(klaude->expect(kReady)) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPasteOn)) << klaude->output();
    klaude->type("slowstart plain\r");
    ASSERT_TRUE(klaude->expect("waiting for the model")) << klaude->output();
    ASSERT_TRUE(klaude->expect("You said: slowstart plain")) << klaude->output();
    ASSERT_TRUE(klaude->expect("tokens: 10 in · 5 out")) << klaude->output();
    EXPECT_THAT(klaude->output(), Not(HasSubstr("\x1b[1m")));
    EXPECT_THAT(klaude->output(), Not(HasSubstr("\x1b[0;")));
    quit(*klaude);
}

}  // namespace
}  // namespace klaude::core::tui
