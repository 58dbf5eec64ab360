// The answer's Markdown as a person at a terminal sees it: the real `klaude` in a
// pseudo-terminal, the scripted model streaming kMarkdownAnswer (scripted_plugin.cpp) in
// 3-byte deltas. Asserted on the raw bytes: the escape sequences a colour terminal gets, and
// none at all under NO_COLOR or TERM=dumb, where the layout is still rendered.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/core/support/run_klaude.h"
#include "tests/core/tui/pty_session.h"
#include "tests/core/tui/tui_test_support.h"

namespace klaude::core::tui {
namespace {

using klaude::testing::PtySession;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kReady = "Ctrl-D quits.";

class MarkdownPtyTest : public ::testing::Test {
  protected:
    MarkdownPtyTest() {
        std::filesystem::create_directories(scratch_.path() / "work");
        std::filesystem::create_directories(scratch_.path() / "user");
    }

    // klaude in a terminal with `env` on top of a fixed, developer-proof environment.
    std::unique_ptr<PtySession> start(const std::map<std::string, std::string>& env) {
        std::map<std::string, std::string> all{{"KLAUDE_HOME", (scratch_.path() / "home").string()},
                                               {"HOME", (scratch_.path() / "user").string()},
                                               {"TERM", "xterm"},
                                               {"NO_COLOR", ""},
                                               {"FORCE_HYPERLINK", "0"},
                                               {"EDITRC", ""},
                                               {"KLAUDE_PLUGIN_PATH", ""},
                                               {"KLAUDE_MODEL", ""},
                                               {"KLAUDE_LOG", ""},
                                               {"LANG", ""},
                                               {"LC_ALL", "C.UTF-8"},
                                               {"LC_CTYPE", ""}};
        for (const auto& [name, value] : env) {
            all[name] = value;
        }
        auto session = std::make_unique<PtySession>(
            std::vector<std::string>{klaude::testing::klaude_binary(), "--plugin-dir",
                                     KLAUDE_TUI_PLUGIN_DIR, "-m", "scripted/scripted-1"},
            scratch_.path() / "work", all);
        EXPECT_TRUE(session->expect(kReady)) << session->output();
        return session;
    }

    // Asks for the Markdown answer and returns what the terminal got for it: from the line
    // after the typed prompt to the token line that ends the turn.
    static std::string markdown_answer(PtySession& klaude) {
        klaude.type("markdown please\r");
        EXPECT_TRUE(klaude.expect("markdown please")) << klaude.output();
        EXPECT_TRUE(klaude.expect("\n")) << klaude.output();
        const std::size_t begin = klaude.output().size() - klaude.unmatched().size();
        EXPECT_TRUE(klaude.expect("tokens:")) << klaude.output();
        const std::size_t end = klaude.output().rfind("tokens:");
        return end > begin ? klaude.output().substr(begin, end - begin) : "";
    }

    static void quit(PtySession& klaude) {
        klaude.type("/quit\r");
        EXPECT_EQ(klaude.wait_exit(), 0) << klaude.output();
    }

    testing::ScratchDir scratch_;
};

TEST_F(MarkdownPtyTest, MarkdownIsRendered) {
    auto klaude = start({});
    const std::string answer = markdown_answer(*klaude);
    // The heading: bold (with underline and colour), without its '#'.
    EXPECT_THAT(answer, HasSubstr("\x1b[0;1;4;35mFixing calc\x1b[0m")) << answer;
    EXPECT_THAT(answer, Not(HasSubstr("# Fixing")));
    // Bold and inline code without their markers.
    EXPECT_THAT(answer, HasSubstr("\x1b[0;1mcalc.py\x1b[0m"));
    EXPECT_THAT(answer, HasSubstr("\x1b[0;36madd\x1b[0m"));
    EXPECT_THAT(answer, Not(HasSubstr("**")));
    EXPECT_THAT(answer, Not(HasSubstr("`")));
    // A bullet, the link's url shown after it, the code without fence rows, coloured.
    EXPECT_THAT(answer, HasSubstr("\xe2\x80\xa2\x1b[0m read the file"));
    EXPECT_THAT(answer, HasSubstr("the docs\x1b[0m \x1b[0;2m(https://example.com/calc)"));
    EXPECT_THAT(answer, HasSubstr("  \x1b[0;35mdef\x1b[0m add(a, b):"));
    EXPECT_THAT(answer, Not(HasSubstr("```")));
    // The table, boxed.
    EXPECT_THAT(answer, HasSubstr("\xe2\x94\x8c"));
    EXPECT_THAT(answer, HasSubstr("\x1b[0;1mstep\x1b[0m"));
    quit(*klaude);
}

TEST_F(MarkdownPtyTest, NoColorAndDumbArePlain) {
    for (const auto& env :
         std::vector<std::map<std::string, std::string>>{{{"NO_COLOR", "1"}}, {{"TERM", "dumb"}}}) {
        SCOPED_TRACE(env.begin()->first + "=" + env.begin()->second);
        auto klaude = start(env);
        const std::string answer = markdown_answer(*klaude);
        // No styling; TERM=dumb has no cursor movement either (NO_COLOR keeps the spinner).
        EXPECT_THAT(answer, Not(::testing::ContainsRegex("\x1b\\[[0-9;]*m"))) << answer;
        if (env.begin()->first == "TERM") {
            EXPECT_THAT(answer, Not(HasSubstr("\x1b"))) << answer;
        }
        // Still laid out: no markers, a bullet, the code indented, the table boxed.
        EXPECT_THAT(answer, HasSubstr("Fixing calc\r\n\r\nThe bug is in calc.py: add subtracts."));
        EXPECT_THAT(answer, Not(HasSubstr("**")));
        EXPECT_THAT(answer, Not(HasSubstr("```")));
        EXPECT_THAT(answer, HasSubstr(" read the file\r\n"));
        EXPECT_THAT(answer, HasSubstr("\r\n  def add(a, b):\r\n"));
        EXPECT_THAT(answer, HasSubstr("step"));
        quit(*klaude);
    }
}

TEST_F(MarkdownPtyTest, TermDumbIsAscii) {
    auto klaude = start({{"TERM", "dumb"}});
    const std::string answer = markdown_answer(*klaude);
    EXPECT_THAT(answer, HasSubstr("\r\n- read the file\r\n"));
    EXPECT_THAT(answer, HasSubstr("+------+--------+"));
    quit(*klaude);
}

}  // namespace
}  // namespace klaude::core::tui
