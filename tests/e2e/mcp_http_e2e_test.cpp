// MCP over both transports end to end (issue 12's "done when"): server-filesystem on stdio and
// the reference everything server over Streamable HTTP (its own streamableHttp launcher, via
// tests/peers/mcp-http-server.mjs --everything). `klaude exec --approval full-auto` against a
// scripted Responses model calls a tool of each and both results reach the final request;
// `klaude mcp list` shows both, with their transports and tool counts; Ctrl-C during a long
// call over HTTP exits 130 and the server is told (notifications/cancelled).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/core/support/run_klaude.h"
#include "tests/e2e/calc_scenario.h"
#include "tests/e2e/e2e_test_support.h"
#include "tests/e2e/sse_script.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/support/peer_process.h"

namespace klaude::testing {
namespace {

using klaude::responses::testing::ReplayServer;
using klaude::responses::testing::Reply;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

class McpHttpE2E : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::string peers = PeerProcess::peers_dir();
        const std::string modules = peers + "/node_modules/@modelcontextprotocol/";
        write_text(work_.path() / "notes.txt", "the secret word is pelican\n");
        write_text(home_.path() / "config.json",
                   R"({"mcp_servers": {
                 "fs": {"command": ["node", ")" +
                       modules + R"(server-filesystem/dist/index.js", ")" + work_.path().string() +
                       R"("]},
                 "everything": {"url": ")" +
                       everything_.base_url() + R"(/mcp"}
               }})");
    }
    PeerProcess everything_{"mcp-http-server.mjs", {"--everything"}};
    TempDir home_;
    TempDir work_{"klaude-mcp-http-work"};
};

TEST_F(McpHttpE2E, ExecCallsAStdioToolAndAnHttpToolAndAnswersWithBoth) {
    const std::string file = (work_.path() / "notes.txt").string();
    ReplayServer server({
        Reply::sse(sse_calls({{"call_fs", "mcp__fs__read_text_file", args("path", file)}})),
        Reply::sse(sse_calls(
            {{"call_sum", "mcp__everything__get-sum", R"({"a":40,"b":2})"},
             {"call_echo", "mcp__everything__echo", args("message", "pelican over http")}})),
        Reply::sse(sse_answer("The word is pelican and the sum is 42.")),
    });
    auto result =
        run_klaude({"exec", "--approval", "full-auto", "-m", "openai/gpt-5.1", "Word and sum?"},
                   openai_env(home_.path(), server.base_url() + "/v1"), "", work_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "The word is pelican and the sum is 42.\n");
    EXPECT_THAT(result.err, ::testing::Not(HasSubstr("mcp server")));

    ASSERT_EQ(server.requests().size(), 3u);
    const auto outputs = tool_outputs(server.requests()[2].body);
    EXPECT_THAT(outputs.at("call_fs"), HasSubstr("the secret word is pelican"));
    EXPECT_THAT(outputs.at("call_sum"), HasSubstr("42"));
    EXPECT_EQ(outputs.at("call_echo"), "Echo: pelican over http");
}

TEST_F(McpHttpE2E, McpListShowsBothTransportsWithToolCounts) {
    auto result = run_klaude({"mcp", "list"}, openai_env(home_.path(), "http://127.0.0.1:9/v1"));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, ContainsRegex("fs  stdio  ready  [0-9]+ tools"));
    EXPECT_THAT(result.out, ContainsRegex("everything  http  ready  [0-9]+ tools"));
    EXPECT_THAT(result.out, ::testing::Not(HasSubstr("not supported")));
}

TEST(McpHttpE2ECancel, CtrlCDuringAnHttpCallExits130AndTheServerIsTold) {
    TempDir home;
    TempDir logs("klaude-mcp-http-log");
    const std::filesystem::path log = logs.path() / "received.log";
    PeerProcess peer("mcp-http-server.mjs", {"--log", log.string()});
    write_text(home.path() / "config.json",
               R"({"mcp_servers": {"slow": {"url": ")" + peer.base_url() + R"(/mcp"}}})");
    ReplayServer server({
        Reply::sse(sse_calls({{"call_slow", "mcp__slow__slow", R"({"ms":60000})"}})),
        Reply::sse(sse_answer("never asked")),
    });
    KlaudeProcess klaude({"exec", "--approval", "full-auto", "-m", "openai/gpt-5.1", "wait"},
                         openai_env(home.path(), server.base_url() + "/v1"));
    auto log_text = [&] {
        std::ifstream in(log);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    };
    auto wait_for = [&](const std::string& text) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (log_text().find(text) == std::string::npos &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return log_text();
    };
    ASSERT_THAT(wait_for(R"("name":"slow")"), HasSubstr(R"("method":"tools/call")"));
    const auto start = std::chrono::steady_clock::now();
    klaude.signal(SIGINT);
    ProcessResult result = klaude.wait();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_EQ(result.exit_code, 130) << result.err;
    const std::string received = wait_for("aborted slow");
    EXPECT_THAT(received, HasSubstr(R"("method":"notifications/cancelled")"));
    EXPECT_THAT(received, HasSubstr("aborted slow"));
    EXPECT_THAT(received, HasSubstr("DELETE "));  // and the session was ended on the way out
    EXPECT_EQ(server.requests().size(), 1u);
}

}  // namespace
}  // namespace klaude::testing
