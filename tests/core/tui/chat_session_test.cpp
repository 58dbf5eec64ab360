// The session loop in-process: banner, slash commands, turns and their errors, with input
// from a pipe and the scripted model (scripted_plugin.cpp).
#include "core/tui/chat_session.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/tui/plain_line_reader.h"
#include "tests/core/tui/tui_test_support.h"

namespace klaude::core::tui {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct ChatRun {
    int exit_code = -1;
    std::string out;
    std::string err;
};

class ChatSessionTest : public ::testing::Test {
  protected:
    void SetUp() override {
        previous_cwd_ = std::filesystem::current_path();
        std::filesystem::create_directories(scratch_.path() / "work");
        std::filesystem::current_path(scratch_.path() / "work");
        ::setenv("KLAUDE_HOME", (scratch_.path() / "home").c_str(), 1);
        ::unsetenv("KLAUDE_MODEL");
        ::unsetenv("KLAUDE_PLUGIN_PATH");
        // Plugins load in-process: the plugin scanner would run this test binary.
        ::setenv("KLAUDE_PLUGIN_SCAN", "0", 1);
    }
    void TearDown() override { std::filesystem::current_path(previous_cwd_); }

    ChatRun chat(const std::string& input,
                 const std::vector<std::pair<std::string, std::string>>& options = {
                     {"model", "scripted/scripted-1"}}) {
        GlobalOptions global;
        global.plugin_dirs = {KLAUDE_TUI_PLUGIN_DIR};
        App app(global);
        ParsedArgs args;
        for (const auto& [name, value] : options) {
            args.add(name, value);
        }
        AgentSession session(app, args, agent::ApprovalPolicy::kAsk);
        int fds[2];
        EXPECT_EQ(::pipe(fds), 0);
        EXPECT_EQ(::write(fds[1], input.data(), input.size()), static_cast<ssize_t>(input.size()));
        ::close(fds[1]);
        PlainLineReader reader(fds[0]);
        std::FILE* out = std::tmpfile();
        std::FILE* err = std::tmpfile();
        ChatRun run;
        Screen screen(out, TerminalCaps::none());
        run.exit_code = ChatSession(app, session, reader, screen, err).run();
        run.out = testing::read_all(out);
        run.err = testing::read_all(err);
        std::fclose(out);
        std::fclose(err);
        ::close(fds[0]);
        return run;
    }

    testing::ScratchDir scratch_;
    std::filesystem::path previous_cwd_;
};

TEST_F(ChatSessionTest, BannerTurnAndUsage) {
    ChatRun run = chat("hello there\n");
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_THAT(run.out, HasSubstr("interactive session"));
    EXPECT_THAT(run.out, HasSubstr("model    scripted/scripted-1 (provider scripted)"));
    EXPECT_THAT(run.out, HasSubstr("cwd      " + (scratch_.path() / "work").string()));
    EXPECT_THAT(run.out, HasSubstr("policy   approval ask"));
    EXPECT_THAT(run.out, HasSubstr("session  "));
    EXPECT_THAT(run.out, HasSubstr("[scripted-1] You said: hello there\n"));
    EXPECT_THAT(run.out, HasSubstr("tokens: 10 in (0 cached), 5 out (0 reasoning), 15 total"));
    // The end of the input ends the session and says how to come back.
    EXPECT_THAT(run.out, HasSubstr("resume this conversation with: klaude --resume "));
    EXPECT_EQ(run.err, "");
}

TEST_F(ChatSessionTest, SlashCommands) {
    ChatRun run = chat(
        "/help\n/model\n/model scripted/scripted-2\nhi\n/status\n/bogus\n/compact\n/clear\n"
        "/status\n/quit\nnever sent\n");
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_THAT(run.out, HasSubstr("/model [NAME]"));
    EXPECT_THAT(run.out, HasSubstr("model    scripted/scripted-1 (provider scripted, model id "
                                   "scripted-1)"));
    EXPECT_THAT(run.out, HasSubstr("switch with /model NAME"));
    EXPECT_THAT(run.out, HasSubstr("model    scripted/scripted-2 (provider scripted)\n"));
    EXPECT_THAT(run.out, HasSubstr("[scripted-2] You said: hi"));
    EXPECT_THAT(run.out, HasSubstr("login    no login"));
    EXPECT_THAT(run.out, HasSubstr("tokens   10 in (0 cached), 5 out (0 reasoning), 15 total "
                                   "this session"));
    EXPECT_THAT(run.out, HasSubstr("(2 items in the conversation)"));
    EXPECT_THAT(run.out, HasSubstr("unknown command /bogus; /help lists the commands"));
    // The scripted model echoes the last user message, so the summary is its echo of the
    // compaction prompt; the history becomes that summary plus the latest user message.
    EXPECT_THAT(run.out, HasSubstr("conversation compacted: 2 items summarised into 2"));
    EXPECT_THAT(run.out, HasSubstr("conversation cleared"));
    EXPECT_THAT(run.out, HasSubstr("(0 items in the conversation)"));
    EXPECT_THAT(run.out, Not(HasSubstr("never sent")));
}

TEST_F(ChatSessionTest, McpShowsTheSessionsServers) {
    // None configured: where to configure them.
    EXPECT_THAT(chat("/mcp\n").out, HasSubstr("No MCP servers configured (\"mcp_servers\" in "));

    // Our small fault server (tests/peers/mcp-fault-server.mjs, plain node) ready, and one that
    // fails at start: the session goes on and /mcp says which is which.
    const std::string server = std::string(KLAUDE_SOURCE_DIR) + "/tests/peers/mcp-fault-server.mjs";
    std::filesystem::create_directories(scratch_.path() / "home");
    std::ofstream(scratch_.path() / "home" / "config.json")
        << R"({"mcp_servers":{"faults":{"command":["node",")" << server << R"("]},)"
        << R"("broken":{"command":["node",")" << server << R"(","--mode","crash-at-start"]}}})";
    const ChatRun run = chat("/mcp\n");
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_THAT(run.out, ::testing::ContainsRegex("faults  stdio  ready  [0-9]+ tools"));
    EXPECT_THAT(run.out, HasSubstr("broken  stdio  failed  (exited with status 3)"));
}

TEST_F(ChatSessionTest, SlashLookalikesAndEscapedSlashesArePrompts) {
    ChatRun run = chat("/usr/bin is a directory\n//help is a word\n");
    EXPECT_THAT(run.out, HasSubstr("You said: /usr/bin is a directory"));
    EXPECT_THAT(run.out, HasSubstr("You said: /help is a word"));
}

TEST_F(ChatSessionTest, TrailingBackslashMakesOneMultiLinePrompt) {
    ChatRun run = chat("first line \\\nsecond line\n");
    EXPECT_THAT(run.out, HasSubstr("You said: first line \nsecond line\n"));
}

TEST_F(ChatSessionTest, AFailedTurnIsOneLineAndTheSessionGoesOn) {
    ChatRun run = chat("fail please\nstill here?\n");
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_EQ(run.err, "klaude: scripted failure: the server said no\n");
    EXPECT_THAT(run.out, HasSubstr("You said: still here?"));
}

TEST_F(ChatSessionTest, ABadModelSwitchKeepsTheCurrentModel) {
    ChatRun run = chat("/model nowhere/none\nhi\n");
    EXPECT_THAT(run.err, HasSubstr("nowhere"));
    EXPECT_THAT(run.err, HasSubstr("(still using scripted/scripted-1)"));
    EXPECT_THAT(run.out, HasSubstr("[scripted-1] You said: hi"));
}

TEST_F(ChatSessionTest, ReasoningIsShownBeforeTheAnswer) {
    ChatRun run = chat("think about it\n");
    EXPECT_THAT(run.out, HasSubstr("Pondering the question.\nThought about it.\n"));
}

TEST_F(ChatSessionTest, ContinueSaysTheSessionWasResumedWithItsItems) {
    ChatRun first = chat("remember this\n");
    const auto at = first.out.find("session  ");
    ASSERT_NE(at, std::string::npos);
    const std::string id = first.out.substr(at + 9, first.out.find('\n', at) - at - 9);

    ChatRun second = chat("and this\n", {{"continue", ""}});
    EXPECT_THAT(second.out, HasSubstr("session  " + id + "\n"));
    EXPECT_THAT(second.out, HasSubstr("resumed: 2 items loaded"));
    EXPECT_THAT(second.out, HasSubstr("You said: and this"));
}

}  // namespace
}  // namespace klaude::core::tui
