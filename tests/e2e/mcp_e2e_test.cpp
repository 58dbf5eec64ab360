// MCP end to end: `klaude exec --approval full-auto` against a scripted Responses model that
// calls a tool of @modelcontextprotocol/server-filesystem and one of server-everything (both
// stdio, pinned in tests/peers); the results flow into the next request and the final answer.
// `klaude mcp list` shows both with their tool counts; a server that crashes at start costs one
// line and the run goes on; Ctrl-C during a long MCP call cancels it on the server and exits 130.
// The interactive session (piped stdin) reloads a server's tools between turns after
// notifications/tools/list_changed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

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
using ::testing::HasSubstr;
using ::testing::Not;

class McpE2E : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::string peers = PeerProcess::peers_dir();
        ASSERT_TRUE(std::filesystem::exists(peers + "/node_modules/.package-lock.json"))
            << "run 'make peers'";
        const std::string modules = peers + "/node_modules/@modelcontextprotocol/";
        write_text(work_.path() / "notes.txt", "the secret word is pelican\n");
        write_text(home_.path() / "config.json",
                   R"({"mcp_servers": {
                 "fs": {"command": ["node", ")" +
                       modules + R"(server-filesystem/dist/index.js", ")" + work_.path().string() +
                       R"("]},
                 "everything": {"command": ["node", ")" +
                       modules + R"(server-everything/dist/index.js", "stdio"]},
                 "broken": {"command": ["node", ")" +
                       peers + R"(/mcp-fault-server.mjs", "--mode", "crash-at-start"]}
               }})");
    }
    TempDir home_;
    TempDir work_{"klaude-mcp-work"};
};

TEST_F(McpE2E, ExecCallsFilesystemAndEverythingTools) {
    const std::string file = (work_.path() / "notes.txt").string();
    ReplayServer server({
        Reply::sse(sse_calls({{"call_fs", "mcp__fs__read_text_file", args("path", file)}})),
        Reply::sse(sse_calls({{"call_echo", "mcp__everything__echo", args("message", "pelican")}})),
        Reply::sse(sse_answer("The secret word is pelican.")),
    });
    auto result =
        run_klaude({"exec", "--approval", "full-auto", "-m", "openai/gpt-5.1", "What is the word?"},
                   openai_env(home_.path(), server.base_url() + "/v1"), "", work_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "The secret word is pelican.\n");
    // The crashing server costs exactly one line.
    EXPECT_THAT(result.err, HasSubstr("klaude: mcp server 'broken' failed to start: exited with "
                                      "status 3; going on without it\n"));
    EXPECT_THAT(result.err, Not(HasSubstr("crashing at start")));  // its stderr went to the log

    ASSERT_EQ(server.requests().size(), 3u);
    const std::string tools = tool_names(server.requests()[0].body);
    EXPECT_THAT(tools, HasSubstr("mcp__fs__read_text_file "));
    EXPECT_THAT(tools, HasSubstr("mcp__everything__echo "));
    EXPECT_THAT(tools, HasSubstr("shell "));
    EXPECT_THAT(tools, Not(HasSubstr("mcp__broken")));
    EXPECT_THAT(tool_outputs(server.requests()[1].body)["call_fs"],
                HasSubstr("the secret word is pelican"));
    auto outputs = tool_outputs(server.requests()[2].body);
    EXPECT_THAT(outputs["call_fs"], HasSubstr("pelican"));
    EXPECT_EQ(outputs["call_echo"], "Echo: pelican");
}

TEST_F(McpE2E, McpListShowsServersWithToolCounts) {
    auto result = run_klaude({"mcp", "list"}, openai_env(home_.path(), "http://127.0.0.1:9/v1"));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, ::testing::ContainsRegex("fs  stdio  ready  [0-9]+ tools"));
    EXPECT_THAT(result.out, ::testing::ContainsRegex("everything  stdio  ready  [0-9]+ tools"));
    EXPECT_THAT(result.out, HasSubstr("broken  stdio  failed  (exited with status 3)"));

    auto json =
        run_klaude({"mcp", "list", "--json"}, openai_env(home_.path(), "http://127.0.0.1:9/v1"));
    EXPECT_EQ(json.exit_code, 0) << json.err;
    rapidjson::Document doc;
    doc.Parse(json.out.c_str());
    ASSERT_TRUE(doc.IsObject()) << json.out;
    const auto& servers = doc["servers"];
    ASSERT_EQ(servers.Size(), 3u);
    EXPECT_STREQ(servers[0]["name"].GetString(), "fs");
    EXPECT_GE(servers[0]["tools"].GetUint64(), 5u);
    EXPECT_STREQ(servers[1]["state"].GetString(), "ready");
    EXPECT_GE(servers[1]["tools"].GetUint64(), 5u);
    EXPECT_STREQ(servers[2]["state"].GetString(), "failed");

    auto get = run_klaude({"mcp", "get", "fs"}, openai_env(home_.path(), "http://127.0.0.1:9/v1"));
    EXPECT_EQ(get.exit_code, 0) << get.err;
    EXPECT_THAT(get.out, HasSubstr("mcp__fs__read_text_file  (read-only)"));
}

TEST_F(McpE2E, UnderAutoEditAToolThatIsNotReadOnlyIsDenied) {
    ReplayServer server({
        Reply::sse(sse_calls(
            {{"c1", "mcp__fs__create_directory", args("path", (work_.path() / "made").string())}})),
        Reply::sse(sse_answer("Could not.")),
    });
    auto result =
        run_klaude({"exec", "-m", "openai/gpt-5.1", "make a dir"},
                   openai_env(home_.path(), server.base_url() + "/v1"), "", work_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_FALSE(std::filesystem::exists(work_.path() / "made"));
    EXPECT_THAT(result.err, HasSubstr("denied mcp: server 'fs', tool 'create_directory'"));
    EXPECT_EQ(tool_outputs(server.requests()[1].body)["c1"], "denied by user");
}

TEST_F(McpE2E, AddAndRemoveEditTheConfigAndKeepItsComments) {
    const std::filesystem::path config = home_.path() / "config.json";
    write_text(config, "// my settings\n{\n  \"catalog_ttl_s\": 600, // ten minutes\n}\n");
    const auto env = openai_env(home_.path(), "http://127.0.0.1:9/v1");
    auto add = run_klaude({"mcp", "add", "faulty", "--env", "A=1", "--", "node",
                           PeerProcess::peers_dir() + "/mcp-fault-server.mjs", "--mode", "ok"},
                          env);
    EXPECT_EQ(add.exit_code, 0) << add.err;
    EXPECT_THAT(add.out, HasSubstr("Added MCP server 'faulty' to " + config.string()));
    EXPECT_THAT(read_text(config), HasSubstr("// my settings\n"));
    EXPECT_THAT(read_text(config), HasSubstr("\"catalog_ttl_s\": 600, // ten minutes\n"));
    auto list = run_klaude({"mcp", "list"}, env);
    EXPECT_THAT(list.out, ::testing::ContainsRegex("faulty  stdio  ready  10 tools"));

    auto again = run_klaude({"mcp", "add", "faulty", "--", "node", "x.js"}, env);
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_THAT(again.err, HasSubstr("already configured; remove it first"));
    auto neither = run_klaude({"mcp", "add", "lonely"}, env);
    EXPECT_EQ(neither.exit_code, 2) << neither.err;

    auto remove = run_klaude({"mcp", "remove", "faulty"}, env);
    EXPECT_EQ(remove.exit_code, 0) << remove.err;
    EXPECT_EQ(read_text(config),
              "// my settings\n{\n  \"catalog_ttl_s\": 600, // ten minutes\n  \"mcp_servers\": {\n"
              "  },\n}\n");
    EXPECT_THAT(run_klaude({"mcp", "list"}, env).out, HasSubstr("No MCP servers configured"));
}

TEST_F(McpE2E, CtrlCDuringALongCallCancelsItOnTheServerAndExits130) {
    const std::filesystem::path log = work_.path() / "server.log";
    write_text(home_.path() / "config.json",
               R"({"mcp_servers": {"slow": {"command": ["node", ")" + PeerProcess::peers_dir() +
                   R"(/mcp-fault-server.mjs", "--log", ")" + log.string() + R"("]}}})");
    ReplayServer server({
        Reply::sse(sse_calls({{"call_hang", "mcp__slow__hang", "{}"}})),
        Reply::sse(sse_answer("never asked for")),
    });
    KlaudeProcess klaude({"exec", "--approval", "full-auto", "-m", "openai/gpt-5.1", "wait"},
                         openai_env(home_.path(), server.base_url() + "/v1"),
                         work_.path().string());
    // Wait until the server has the call, then press Ctrl-C.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (read_text(log).find("\"tools/call\"") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_THAT(read_text(log), HasSubstr("\"tools/call\""));
    const auto start = std::chrono::steady_clock::now();
    klaude.signal(SIGINT);
    ProcessResult result = klaude.wait();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    EXPECT_EQ(result.exit_code, 130) << result.err;
    EXPECT_THAT(result.err, HasSubstr("cancelled"));
    // The server was told, naming the call's request id, before it was shut down.
    const std::string received = read_text(log);
    EXPECT_THAT(received, HasSubstr("\"method\":\"notifications/cancelled\""));
    EXPECT_THAT(received, ::testing::ContainsRegex("\"requestId\":[0-9]+"));
    EXPECT_EQ(server.requests().size(), 1u);  // no model call after the cancel
}

class McpListChangedE2E : public McpE2E {
  protected:
    void SetUp() override {
        McpE2E::SetUp();
        write_text(home_.path() / "config.json",
                   R"({"mcp_servers": {"slow": {"command": ["node", ")" + PeerProcess::peers_dir() +
                       R"(/mcp-fault-server.mjs", "--log", ")" + log_.string() + R"("]}}})");
    }
    // Two turns of `klaude chat` (stdin is a pipe: plain lines): turn 1 calls `grow_args`,
    // turn 2 just answers.
    ProcessResult two_turns(ReplayServer& server) {
        return run_klaude({"chat", "--approval", "full-auto", "-m", "openai/gpt-5.1"},
                          openai_env(home_.path(), server.base_url() + "/v1"),
                          "grow a tool\nwhat can you use now?\n", work_.path().string());
    }
    std::filesystem::path log_ = work_.path() / "server.log";
};

TEST_F(McpListChangedE2E, TheNextTurnOffersTheToolsTheServerAdded) {
    ReplayServer server({
        Reply::sse(sse_calls({{"call_grow", "mcp__slow__grow", "{}"}})),
        Reply::sse(sse_answer("Grown.")),
        Reply::sse(sse_answer("I can use grown1 now.")),
    });
    auto result = two_turns(server);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("I can use grown1 now."));
    // Silent, as in Codex CLI and Claude Code: no line for a reload that worked.
    EXPECT_EQ(result.err, "") << result.err;
    ASSERT_EQ(server.requests().size(), 3u);
    EXPECT_EQ(tool_outputs(server.requests()[1].body)["call_grow"], "added grown1");
    // Turn 1 (both of its requests) had the old list; the change waited for the turn to end.
    EXPECT_THAT(tool_names(server.requests()[0].body), Not(HasSubstr("mcp__slow__grown1 ")));
    EXPECT_THAT(tool_names(server.requests()[1].body), Not(HasSubstr("mcp__slow__grown1 ")));
    const std::string turn2 = tool_names(server.requests()[2].body);
    EXPECT_THAT(turn2, HasSubstr("mcp__slow__grown1 "));
    EXPECT_THAT(turn2, HasSubstr("mcp__slow__echo "));
    EXPECT_THAT(turn2, HasSubstr("shell "));
}

TEST_F(McpListChangedE2E, AReloadThatFailsCostsOneLineAndKeepsTheOldTools) {
    ReplayServer server({
        Reply::sse(sse_calls({{"call_grow", "mcp__slow__grow", R"({"break":true})"}})),
        Reply::sse(sse_answer("Grown.")),
        Reply::sse(sse_answer("Same tools.")),
    });
    auto result = two_turns(server);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err,
              "klaude: mcp server 'slow': could not reload its tools (tools/list failed: the tool "
              "list is broken); keeping the ones it had\n");
    ASSERT_EQ(server.requests().size(), 3u);
    EXPECT_EQ(tool_names(server.requests()[2].body), tool_names(server.requests()[0].body));
    EXPECT_THAT(result.out, HasSubstr("Same tools."));
}

}  // namespace
}  // namespace klaude::testing
