// MCP progress in a real pseudo-terminal: the scripted model calls the fault server's `slow`
// tool (tests/peers/mcp-fault-server.mjs, configured in KLAUDE_HOME), which reports progress
// before it answers; the spinner's row follows it.
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

constexpr const char* kReady = "Ctrl-D quits.";
constexpr const char* kPrompt = "\x1b[1m>\x1b[0m ";

TEST(McpProgressPtyTest, TheSpinnerShowsTheServersProgress) {
    testing::ScratchDir scratch;
    const std::filesystem::path home = scratch.path() / "home";
    std::filesystem::create_directories(home);
    std::filesystem::create_directories(scratch.path() / "work");
    std::filesystem::create_directories(scratch.path() / "user");
    std::ofstream(home / "config.json")
        << R"({"mcp_servers":{"slow":{"command":["node",")" << KLAUDE_SOURCE_DIR
        << R"(/tests/peers/mcp-fault-server.mjs"]}}})";
    PtySession session({klaude::testing::klaude_binary(), "--plugin-dir", KLAUDE_TUI_PLUGIN_DIR,
                        "-m", "scripted/scripted-1", "--approval", "full-auto"},
                       scratch.path() / "work",
                       {{"KLAUDE_HOME", home.string()},
                        {"HOME", (scratch.path() / "user").string()},
                        {"TERM", "xterm"},
                        {"NO_COLOR", ""},
                        {"EDITRC", ""},
                        {"KLAUDE_PLUGIN_PATH", ""},
                        {"KLAUDE_MODEL", ""},
                        {"KLAUDE_LOG", ""},
                        {"LANG", ""},
                        {"LC_ALL", ""},
                        {"LC_CTYPE", ""}});
    ASSERT_TRUE(session.expect(kReady)) << session.output();
    ASSERT_TRUE(session.expect(kPrompt)) << session.output();
    session.type("mcp mcp__slow__slow {\"steps\":3,\"delay_ms\":300}\r");
    EXPECT_TRUE(session.expect("waiting for the MCP server slow · 0s")) << session.output();
    EXPECT_TRUE(session.expect("waiting for the MCP server slow · 1/3 · step 1 · "))
        << session.output();
    EXPECT_TRUE(session.expect("waiting for the MCP server slow · 2/3 · step 2 · "))
        << session.output();
    EXPECT_TRUE(session.expect("waiting for the MCP server slow · 3/3 · step 3 · "))
        << session.output();
    EXPECT_TRUE(session.expect("Done: slow: 3 steps, token 1")) << session.output();
    // The other token's report (99/100) never showed.
    EXPECT_THAT(session.output(), ::testing::Not(HasSubstr("99/100")));
    ASSERT_TRUE(session.expect(kPrompt)) << session.output();
    session.type("\x04");
    EXPECT_EQ(session.wait_exit(), 0) << session.output();
}

}  // namespace
}  // namespace klaude::core::tui
