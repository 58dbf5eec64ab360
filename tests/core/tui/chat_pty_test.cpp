// The real `klaude` binary in a pseudo-terminal, driven by typing: line editing, streamed
// answers, approval prompts, Ctrl-C and Ctrl-D, history across sessions. The model is the
// scripted fixture plugin (scripted_plugin.cpp), so nothing touches the network.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/core/support/run_klaude.h"
#include "tests/core/tui/pty_session.h"
#include "tests/core/tui/tui_test_support.h"

namespace klaude::core::tui {
namespace {

using klaude::testing::PtySession;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kReady = "Ctrl-D quits.";
// The bold prompt as libedit draws it; once it shows, the editor reads the terminal.
constexpr const char* kPrompt = "\x1b[1m>\x1b[0m ";

class ChatPtyTest : public ::testing::Test {
  protected:
    ChatPtyTest() {
        std::filesystem::create_directories(work());
        std::filesystem::create_directories(scratch_.path() / "user");
    }

    std::filesystem::path work() const { return scratch_.path() / "work"; }
    std::filesystem::path home() const { return scratch_.path() / "home"; }

    std::unique_ptr<PtySession> start(std::vector<std::string> extra = {}) {
        std::vector<std::string> argv = {klaude::testing::klaude_binary(), "--plugin-dir",
                                         KLAUDE_TUI_PLUGIN_DIR, "-m", "scripted/scripted-1"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        auto session = std::make_unique<PtySession>(
            argv, work(),
            std::map<std::string, std::string>{{"KLAUDE_HOME", home().string()},
                                               {"HOME", (scratch_.path() / "user").string()},
                                               {"TERM", "xterm"},
                                               {"EDITRC", ""},
                                               {"KLAUDE_PLUGIN_PATH", ""},
                                               {"KLAUDE_MODEL", ""},
                                               {"KLAUDE_LOG", ""},
                                               // No locale: the editor falls back to UTF-8.
                                               {"LANG", ""},
                                               {"LC_ALL", ""},
                                               {"LC_CTYPE", ""}});
        EXPECT_TRUE(session->expect(kReady)) << session->output();
        EXPECT_TRUE(session->expect(kPrompt)) << session->output();
        return session;
    }

    static std::string read_file(const std::filesystem::path& path) {
        return klaude::testing::TempDir::read_file(path);
    }

    testing::ScratchDir scratch_;
};

TEST_F(ChatPtyTest, PromptStreamsTheAnswerAndAnApprovedWriteChangesTheFile) {
    auto klaude = start();
    klaude->type("write notes.txt hello from the terminal\r");
    ASSERT_TRUE(klaude->expect("Writing notes.txt.")) << klaude->output();
    ASSERT_TRUE(klaude->expect("write_file notes.txt")) << klaude->output();
    ASSERT_TRUE(klaude->expect("create notes.txt")) << klaude->output();          // the approval
    ASSERT_TRUE(klaude->expect("+hello from the terminal")) << klaude->output();  // the diff
    ASSERT_TRUE(klaude->expect("Allow?")) << klaude->output();
    EXPECT_FALSE(std::filesystem::exists(work() / "notes.txt"));

    klaude->type("y\r");
    // The edit's row: +1 green, -0 red, the file.
    ASSERT_TRUE(klaude->expect("\x1b[0;31m-0\x1b[0m notes.txt")) << klaude->output();
    ASSERT_TRUE(klaude->expect("Done: Created notes.txt")) << klaude->output();
    ASSERT_TRUE(klaude->expect("tokens: 20 in")) << klaude->output();
    EXPECT_EQ(read_file(work() / "notes.txt"), "hello from the terminal\n");

    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
    EXPECT_THAT(klaude->unmatched(), HasSubstr("klaude --resume "));

    // The prompt went into the history, privately.
    struct stat info {};
    ASSERT_EQ(::stat((home() / "history").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_THAT(read_file(home() / "history"), HasSubstr("notes.txt"));
}

TEST_F(ChatPtyTest, ADeniedWriteLeavesTheDiskAlone) {
    auto klaude = start();
    klaude->type("write secret.txt nope\r");
    ASSERT_TRUE(klaude->expect("Allow?")) << klaude->output();
    klaude->type("n\r");
    ASSERT_TRUE(klaude->expect("denied")) << klaude->output();
    ASSERT_TRUE(klaude->expect("Done: denied by user")) << klaude->output();
    EXPECT_FALSE(std::filesystem::exists(work() / "secret.txt"));
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("\x04");  // Ctrl-D on the empty prompt quits
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
}

TEST_F(ChatPtyTest, CtrlCCancelsTheTurnAndClearsTheLineButTheSessionStays) {
    auto klaude = start();
    klaude->type("slow answer please\r");
    ASSERT_TRUE(klaude->expect("tick tick")) << klaude->output();
    klaude->type("\x03");
    ASSERT_TRUE(klaude->expect("cancelling the turn (Ctrl-C again quits)")) << klaude->output();
    ASSERT_TRUE(klaude->expect("(turn cancelled)")) << klaude->output();

    // At the prompt Ctrl-C throws the typed line away (several times, without quitting).
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("thrown away");
    ASSERT_TRUE(klaude->expect("thrown away")) << klaude->output();
    klaude->type("\x03");
    ASSERT_TRUE(klaude->expect("^C")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("\x03");
    ASSERT_TRUE(klaude->expect("^C")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("kept\r");
    ASSERT_TRUE(klaude->expect("You said: kept")) << klaude->output();
    EXPECT_THAT(klaude->output(), Not(HasSubstr("You said: thrown")));

    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
}

TEST_F(ChatPtyTest, CtrlCAtAnApprovalDeniesItAndCancelsTheTurn) {
    auto klaude = start();
    klaude->type("write pending.txt maybe\r");
    ASSERT_TRUE(klaude->expect("Allow?")) << klaude->output();
    klaude->type("\x03");
    ASSERT_TRUE(klaude->expect("(turn cancelled)")) << klaude->output();
    EXPECT_FALSE(std::filesystem::exists(work() / "pending.txt"));
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("still there?\r");
    ASSERT_TRUE(klaude->expect("You said: still there?")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
}

TEST_F(ChatPtyTest, ResizingTheTerminalKeepsTheLineBeingTyped) {
    auto klaude = start();
    klaude->type("half a ");
    ASSERT_TRUE(klaude->expect("half a ")) << klaude->output();
    klaude->resize(40, 10);
    klaude->type("line\r");
    ASSERT_TRUE(klaude->expect("You said: half a line")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
}

TEST_F(ChatPtyTest, SecondCtrlCQuitsATurnThatDoesNotStop) {
    auto klaude = start();
    klaude->type("stubborn answer\r");
    ASSERT_TRUE(klaude->expect("tick tick")) << klaude->output();
    klaude->type("\x03");
    ASSERT_TRUE(klaude->expect("Ctrl-C again quits")) << klaude->output();
    klaude->type("\x03");
    EXPECT_EQ(klaude->wait_exit(), 130) << klaude->output();
}

TEST_F(ChatPtyTest, LineEditingKeys) {
    auto klaude = start();
    // Ctrl-A moves to the start.
    klaude->type("world\x01hello \r");
    ASSERT_TRUE(klaude->expect("You said: hello world")) << klaude->output();
    // Ctrl-U kills back to the start, Ctrl-W the previous word, Ctrl-K to the end.
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type(
        "garbage\x15"
        "clean\r");
    ASSERT_TRUE(klaude->expect("You said: clean")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("keep drop\x17this\r");
    ASSERT_TRUE(klaude->expect("You said: keep this")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("tail\x01\x0bhead\x05!\r");
    ASSERT_TRUE(klaude->expect("You said: head!")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    // UTF-8 goes through whole, and editing works on characters, not bytes.
    klaude->type("caf\xc3\xa9 \xe2\x9c\x93x\x7f\r");
    ASSERT_TRUE(klaude->expect("You said: caf\xc3\xa9 \xe2\x9c\x93\r\n")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("\xc3\xa9t\xc3\xa9\x08\x08\r");
    ASSERT_TRUE(klaude->expect("You said: \xc3\xa9\r\n")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    // Up arrow recalls the previous prompt.
    klaude->type("\x1b[A\r");
    ASSERT_TRUE(klaude->expect("You said: \xc3\xa9\r\n")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
}

TEST_F(ChatPtyTest, MultiLinePromptsByBackslashAndByPaste) {
    auto klaude = start();
    klaude->type("one \\\r");
    ASSERT_TRUE(klaude->expect("\x1b[1m.\x1b[0m ")) << klaude->output();  // the continuation prompt
    klaude->type("two\r");
    // The answer is rendered as Markdown: a row ends without the line's trailing space.
    ASSERT_TRUE(klaude->expect("You said: one\r\ntwo")) << klaude->output();
    // Several lines arriving at once are one prompt.
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("pasted first\rpasted second\r");
    ASSERT_TRUE(klaude->expect("You said: pasted first\r\npasted second")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
}

TEST_F(ChatPtyTest, HistoryPersistsAcrossSessionsAndCtrlRFindsIt) {
    {
        auto first = start();
        first->type("remember the alamo\r");
        ASSERT_TRUE(first->expect("You said: remember the alamo")) << first->output();
        ASSERT_TRUE(first->expect(kPrompt)) << first->output();
        first->type("something else\r");
        ASSERT_TRUE(first->expect("You said: something else")) << first->output();
        ASSERT_TRUE(first->expect(kPrompt)) << first->output();
        first->type("/quit\r");
        ASSERT_EQ(first->wait_exit(), 0) << first->output();
    }
    auto second = start();
    second->type(
        "\x12"
        "alamo");
    ASSERT_TRUE(second->expect("alamo")) << second->output();
    second->type("\r");
    ASSERT_TRUE(second->expect("You said: remember the alamo")) << second->output();
    ASSERT_TRUE(second->expect(kPrompt)) << second->output();
    second->type("/quit\r");
    EXPECT_EQ(second->wait_exit(), 0) << second->output();
}

TEST_F(ChatPtyTest, StatusShowsModelLoginTokensAndPolicy) {
    auto klaude = start({"--approval", "auto-edit"});
    klaude->type("hi\r");
    ASSERT_TRUE(klaude->expect("You said: hi")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/status\r");
    ASSERT_TRUE(klaude->expect("scripted/scripted-1 (provider scripted")) << klaude->output();
    ASSERT_TRUE(klaude->expect("no login")) << klaude->output();
    ASSERT_TRUE(klaude->expect("15 total this session")) << klaude->output();
    ASSERT_TRUE(klaude->expect("approval auto-edit")) << klaude->output();
    ASSERT_TRUE(klaude->expect(kPrompt)) << klaude->output();
    klaude->type("/quit\r");
    EXPECT_EQ(klaude->wait_exit(), 0) << klaude->output();
}

TEST(ChatPipeTest, PipedInputIsReadLineByLine) {
    testing::ScratchDir scratch;
    auto result = klaude::testing::run_klaude(
        {"--plugin-dir", KLAUDE_TUI_PLUGIN_DIR, "-m", "scripted/scripted-1"},
        {{"KLAUDE_HOME", (scratch.path() / "home").string()},
         {"KLAUDE_PLUGIN_PATH", ""},
         {"KLAUDE_MODEL", ""},
         {"KLAUDE_LOG", ""}},
        "first\nsecond\n/quit\n");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("You said: first\n"));
    EXPECT_THAT(result.out, HasSubstr("You said: second\n"));
    EXPECT_THAT(result.out, Not(HasSubstr("\x1b[")));  // no styling into a pipe
}

TEST(ChatPipeTest, ArgumentsAreRefusedWithAHint) {
    auto result = klaude::testing::run_klaude({"chat", "do something"}, {{"KLAUDE_LOG", ""}});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("klaude exec"));
}

}  // namespace
}  // namespace klaude::core::tui
