// Approvals and tool rows in a real pseudo-terminal, with the scripted model's "calc" scenario
// (read calc.py, patch it, run the same check twice, summarise) and its "write" prompt: the
// coloured diff in the prompt, y/a/n/e answered by one key, a remembered approval, the command
// output excerpt, and /diff.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

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

constexpr const char* kCalcBefore =
    "def add(a, b):\n"
    "    return a - b\n"
    "\n"
    "\n"
    "def mul(a, b):\n"
    "    return a + b\n";

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++count;
    }
    return count;
}

class ApprovalPtyTest : public ::testing::Test {
  protected:
    ApprovalPtyTest() {
        std::filesystem::create_directories(work());
        std::filesystem::create_directories(scratch_.path() / "user");
    }

    std::filesystem::path work() const { return scratch_.path() / "work"; }

    std::unique_ptr<PtySession> start() {
        auto session = std::make_unique<PtySession>(
            std::vector<std::string>{klaude::testing::klaude_binary(), "--plugin-dir",
                                     KLAUDE_TUI_PLUGIN_DIR, "-m", "scripted/scripted-1"},
            work(),
            std::map<std::string, std::string>{{"KLAUDE_HOME", (scratch_.path() / "home").string()},
                                               {"HOME", (scratch_.path() / "user").string()},
                                               {"TERM", "xterm"},
                                               {"NO_COLOR", ""},
                                               {"EDITRC", ""},
                                               {"KLAUDE_PLUGIN_PATH", ""},
                                               {"KLAUDE_MODEL", ""},
                                               {"KLAUDE_LOG", ""},
                                               {"LANG", ""},
                                               {"LC_ALL", ""},
                                               {"LC_CTYPE", ""}});
        EXPECT_TRUE(session->expect(kReady)) << session->output();
        EXPECT_TRUE(session->expect(kPrompt)) << session->output();
        return session;
    }

    void write_calc() const { write_text(work() / "calc.py", kCalcBefore); }

    std::string read(const std::string& name) const {
        return klaude::testing::TempDir::read_file(work() / name);
    }

    testing::ScratchDir scratch_;
};

TEST_F(ApprovalPtyTest, DiffInApprovalIsColouredAndASuppressesTheNextOne) {
    write_calc();
    auto klaude = start();
    klaude->type("calc\r");
    ASSERT_TRUE(klaude->expect("Reading calc.py.")) << klaude->output();
    ASSERT_TRUE(klaude->expect("Fixing both operators.")) << klaude->output();
    ASSERT_TRUE(klaude->expect("Allow?")) << klaude->output();
    // The patch's diff, coloured: removed lines red, added green, the hunk header cyan.
    const std::string prompt = klaude->output();
    EXPECT_THAT(prompt, HasSubstr("\x1b[0;31m-    return a - b\x1b[0m"));
    EXPECT_THAT(prompt, HasSubstr("\x1b[0;32m+    return a + b\x1b[0m"));
    EXPECT_THAT(prompt, HasSubstr("\x1b[0;32m+    return a * b\x1b[0m"));
    EXPECT_THAT(prompt, HasSubstr("\x1b[0;36m@@"));
    EXPECT_THAT(prompt, HasSubstr("yes, don't ask again for apply_patch on calc.py"));
    EXPECT_EQ(read("calc.py"), kCalcBefore);  // nothing written before the answer

    klaude->type("y");
    ASSERT_TRUE(klaude->expect("yes")) << klaude->output();
    // The edit's summary row: +2 green, -2 red.
    ASSERT_TRUE(klaude->expect("\x1b[0;32m+2\x1b[0m \x1b[0;31m-2\x1b[0m calc.py"))
        << klaude->output();

    ASSERT_TRUE(klaude->expect("Checking.")) << klaude->output();
    ASSERT_TRUE(klaude->expect("$ \x1b[0;1mprintf 'check %d ok\\n' $(seq 1 12)"))
        << klaude->output();
    ASSERT_TRUE(klaude->expect("don't ask again for this exact command")) << klaude->output();
    klaude->type("a");
    ASSERT_TRUE(klaude->expect("yes, not asking again for this exact command this session"))
        << klaude->output();
    ASSERT_TRUE(klaude->expect("exit 0")) << klaude->output();

    // The second, identical call is not asked again.
    ASSERT_TRUE(klaude->expect("Checking.")) << klaude->output();
    ASSERT_TRUE(klaude->expect("allowed (remembered): run: printf")) << klaude->output();
    ASSERT_TRUE(klaude->expect("exit 0")) << klaude->output();
    ASSERT_TRUE(klaude->expect("is fixed")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    EXPECT_EQ(count_of(klaude->output(), "Allow?"), 2u) << klaude->output();
    EXPECT_EQ(read("calc.py"),
              "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n");

    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
}

TEST_F(ApprovalPtyTest, CommandOutputShowsHeadAndTail) {
    write_calc();
    auto klaude = start();
    klaude->type("calc\r");
    ASSERT_TRUE(klaude->expect("Allow?")) << klaude->output();  // the patch
    klaude->type("y\r");  // Enter after the key is swallowed: it must not reach the prompt
    ASSERT_TRUE(klaude->expect("Checking.")) << klaude->output();
    ASSERT_TRUE(klaude->expect("Allow?")) << klaude->output();  // the first check
    klaude->type("y");
    ASSERT_TRUE(klaude->expect("check 1 ok")) << klaude->output();
    ASSERT_TRUE(klaude->expect("check 4 ok")) << klaude->output();
    ASSERT_TRUE(klaude->expect("4 more lines")) << klaude->output();
    ASSERT_TRUE(klaude->expect("check 9 ok")) << klaude->output();
    ASSERT_TRUE(klaude->expect("check 12 ok")) << klaude->output();
    ASSERT_TRUE(klaude->expect("\x1b[0;32mexit 0\x1b[0m")) << klaude->output();
    EXPECT_THAT(klaude->output(), Not(HasSubstr("check 6 ok")));

    ASSERT_TRUE(klaude->expect("Allow?")) << klaude->output();  // the second check: "n" says no
    klaude->type("n");
    ASSERT_TRUE(klaude->expect("denied by user")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
}

TEST_F(ApprovalPtyTest, EExplainsTheDenial) {
    auto klaude = start();
    klaude->type("write x.txt hello\r");
    ASSERT_TRUE(klaude->expect("Allow?")) << klaude->output();
    klaude->type("e");
    ASSERT_TRUE(klaude->expect("why?")) << klaude->output();
    klaude->type("use tmp/\r");
    ASSERT_TRUE(klaude->expect("Done: denied by user: use tmp/")) << klaude->output();
    EXPECT_FALSE(std::filesystem::exists(work() / "x.txt"));
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
    // The reason was an answer, not a prompt: it is not in the history.
    EXPECT_THAT(klaude::testing::TempDir::read_file(scratch_.path() / "home" / "history"),
                Not(HasSubstr("use tmp/")));
}

TEST_F(ApprovalPtyTest, DiffCommandShowsSessionChanges) {
    write_text(work() / "notes.txt", "old line\n");
    auto klaude = start();
    klaude->type("/diff\r");
    ASSERT_TRUE(klaude->expect("no changes yet")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();

    klaude->type("write notes.txt new line\r");
    ASSERT_TRUE(klaude->expect("Allow?")) << klaude->output();
    klaude->type("y");
    ASSERT_TRUE(klaude->expect("Done: Updated notes.txt")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();

    klaude->type("/diff\r");
    ASSERT_TRUE(klaude->expect("\x1b[0;1m--- a/notes.txt\x1b[0m")) << klaude->output();
    ASSERT_TRUE(klaude->expect("\x1b[0;1m+++ b/notes.txt\x1b[0m")) << klaude->output();
    ASSERT_TRUE(klaude->expect("\x1b[0;31m-old line\x1b[0m")) << klaude->output();
    ASSERT_TRUE(klaude->expect("\x1b[0;32m+new line\x1b[0m")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
}

TEST(ApprovalPipeTest, PipedStdinStillDeniesWithTheOldLine) {
    testing::ScratchDir scratch;
    auto result = klaude::testing::run_klaude(
        {"--plugin-dir", KLAUDE_TUI_PLUGIN_DIR, "-m", "scripted/scripted-1"},
        {{"KLAUDE_HOME", (scratch.path() / "home").string()},
         {"KLAUDE_PLUGIN_PATH", ""},
         {"KLAUDE_MODEL", ""},
         {"KLAUDE_LOG", ""}},
        "write never.txt x\n/diff\n/quit\n", scratch.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.err, HasSubstr("it needs approval and stdin is not a terminal"));
    EXPECT_THAT(result.out, HasSubstr("Done: denied by user"));
    EXPECT_THAT(result.out, HasSubstr("no changes yet"));
    EXPECT_THAT(result.out, Not(HasSubstr("\x1b[")));
}

}  // namespace
}  // namespace klaude::core::tui
