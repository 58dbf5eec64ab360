// The Streamable HTTP transport against real servers built on the pinned
// @modelcontextprotocol/sdk (tests/peers/mcp-http-server.mjs: its StreamableHTTPServerTransport
// in event-stream and JSON mode) and the reference everything server's own streamableHttp
// launcher.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/agent/tools/tool_registry.h"
#include "core/mcp/mcp_client.h"
#include "core/mcp/mcp_servers.h"
#include "tests/support/peer_process.h"
#include "tests/support/temp_dir.h"

namespace klaude::core::mcp {
namespace {

using klaude::testing::PeerProcess;
using ::testing::HasSubstr;

McpServerConfig http_config(const std::string& name, const PeerProcess& peer) {
    McpServerConfig c;
    c.name = name;
    c.url = peer.base_url() + "/mcp";
    c.startup_timeout_s = 10;
    c.tool_timeout_s = 10;
    return c;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string wait_for_log(const std::filesystem::path& path, const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::string content = read_file(path);
    while (content.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        content = read_file(path);
    }
    return content;
}

std::vector<std::string> tool_names(const McpClient& client) {
    std::vector<std::string> names;
    for (const auto& t : client.tools()) {
        names.push_back(t.name);
    }
    return names;
}

agent::ToolContext full_auto() {
    agent::ToolContext ctx =
        agent::ToolContext::in_directory(std::filesystem::temp_directory_path());
    ctx.approval = agent::ApprovalPolicy::kFullAuto;
    return ctx;
}

class SdkHttpServer : public ::testing::TestWithParam<bool> {
  protected:
    std::vector<std::string> args() const {
        std::vector<std::string> a = {"--log", log_.string()};
        if (GetParam()) {
            a.push_back("--json");
        }
        return a;
    }
    klaude::testing::TempDir dir_;
    std::filesystem::path log_ = dir_.path() / "received.log";
};

TEST_P(SdkHttpServer, InitializesListsEveryPageAndCallsTools) {
    PeerProcess peer("mcp-http-server.mjs", args());
    McpClient client(http_config("sdk", peer));
    client.start();
    EXPECT_EQ(client.protocol_version(), "2025-11-25");
    EXPECT_EQ(client.server_name(), "klaude-http-peer 1.0.0");
    EXPECT_THAT(tool_names(client), ::testing::ElementsAre("echo", "add", "slow", "fail"));
    EXPECT_TRUE(client.tools()[0].read_only);

    const RpcOutcome echo = client.call_tool("echo", R"({"text":"over http"})", nullptr);
    ASSERT_EQ(echo.status, RpcOutcome::Status::kOk) << echo.error;
    EXPECT_THAT(echo.result_json, HasSubstr("echo: over http"));
    const RpcOutcome add = client.call_tool("add", R"({"a":2,"b":40})", nullptr);
    EXPECT_THAT(add.result_json, HasSubstr(R"("text":"42")"));
    // A log notification comes on the call's stream before its answer.
    const RpcOutcome slow = client.call_tool("slow", R"({"ms":10})", nullptr);
    EXPECT_THAT(slow.result_json, HasSubstr("slow done"));
    EXPECT_FALSE(client.failed());

    client.shutdown();
    const std::string received = read_file(log_);
    EXPECT_THAT(received, HasSubstr(R"("method":"notifications/initialized")"));
    EXPECT_THAT(received, HasSubstr(R"("params":{"cursor":"2"})"));
    EXPECT_THAT(wait_for_log(log_, "DELETE "), ::testing::ContainsRegex("DELETE [0-9a-f-]{36}"));
}

TEST_P(SdkHttpServer, ACancelledLongCallTellsTheServer) {
    PeerProcess peer("mcp-http-server.mjs", args());
    McpClient client(http_config("sdk", peer));
    client.start();
    std::atomic<bool> cancel{false};
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel.store(true);
    });
    const auto start = std::chrono::steady_clock::now();
    const RpcOutcome outcome = client.call_tool("slow", R"({"ms":20000})", &cancel);
    canceller.join();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
    EXPECT_EQ(outcome.status, RpcOutcome::Status::kCancelled);
    const std::string received = wait_for_log(log_, "aborted slow");
    EXPECT_THAT(received, HasSubstr(R"("method":"notifications/cancelled")"));
    EXPECT_THAT(received, HasSubstr("aborted slow"));
    // The session goes on.
    EXPECT_THAT(client.call_tool("echo", R"({"text":"still here"})", nullptr).result_json,
                HasSubstr("still here"));
}

INSTANTIATE_TEST_SUITE_P(EventStreamAndJson, SdkHttpServer, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& param) {
                             return param.param ? "Json" : "EventStream";
                         });

TEST(SdkHttpServerAuth, TheBearerTokenFromTheEnvironmentIsAccepted) {
    PeerProcess peer("mcp-http-server.mjs", {"--bearer", "peer-token"});
    McpServerConfig config = http_config("auth", peer);
    config.bearer_token_env = "KLAUDE_TEST_PEER_TOKEN";
    ::setenv("KLAUDE_TEST_PEER_TOKEN", "peer-token", 1);
    {
        McpServers servers({config}, nullptr);
        EXPECT_TRUE(servers.failure_lines().empty()) << servers.failure_lines()[0];
    }
    ::setenv("KLAUDE_TEST_PEER_TOKEN", "wrong-token", 1);
    McpServers refused({config}, nullptr);
    ::unsetenv("KLAUDE_TEST_PEER_TOKEN");
    ASSERT_EQ(refused.failure_lines().size(), 1u);
    EXPECT_EQ(refused.failure_lines()[0],
              "mcp server 'auth' failed to start: HTTP 401 from " + *config.url +
                  ": invalid token; check its \"headers\" or \"bearer_token_env\" in config.json; "
                  "going on without it");
}

TEST(EverythingOverHttp, EchoSumAndACancelledLongRunningOperation) {
    PeerProcess peer("mcp-http-server.mjs", {"--everything"});
    McpServers servers({http_config("everything", peer)}, nullptr);
    ASSERT_TRUE(servers.failure_lines().empty()) << servers.failure_lines()[0];
    EXPECT_THAT(server_line(servers.servers()[0]),
                ::testing::ContainsRegex("^everything  http  ready  [0-9]+ tools"));
    agent::ToolRegistry registry;
    servers.add_tools(registry);
    agent::ToolContext ctx = full_auto();
    EXPECT_EQ(registry.dispatch("mcp__everything__echo", R"({"message":"hello"})", ctx).output,
              "Echo: hello");
    EXPECT_THAT(registry.dispatch("mcp__everything__get-sum", R"({"a":2,"b":3})", ctx).output,
                HasSubstr("5"));

    std::atomic<bool> cancel{false};
    ctx.cancel = &cancel;
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        cancel.store(true);
    });
    const auto start = std::chrono::steady_clock::now();
    auto r = registry.dispatch("mcp__everything__trigger-long-running-operation",
                               R"({"duration":30,"steps":30})", ctx);
    canceller.join();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_TRUE(r.cancelled);
    EXPECT_FALSE(servers.servers()[0].client->failed());
    ctx.cancel = nullptr;
    EXPECT_EQ(registry.dispatch("mcp__everything__echo", R"({"message":"again"})", ctx).output,
              "Echo: again");
}

// Over HTTP the progress comes in the call's event stream, before its response.
TEST(EverythingOverHttp, ProgressInTheCallsStreamReachesTheHook) {
    PeerProcess peer("mcp-http-server.mjs", {"--everything"});
    McpServers servers({http_config("everything", peer)}, nullptr);
    ASSERT_TRUE(servers.failure_lines().empty()) << servers.failure_lines()[0];
    agent::ToolRegistry registry;
    servers.add_tools(registry);
    agent::ToolContext ctx = full_auto();
    std::mutex mutex;
    std::vector<double> steps;
    ctx.on_progress = [&](const agent::ToolProgress& p) {
        std::lock_guard<std::mutex> lock(mutex);
        steps.push_back(p.progress);
    };
    auto r = registry.dispatch("mcp__everything__trigger-long-running-operation",
                               R"({"duration":0.4,"steps":2})", ctx);
    EXPECT_FALSE(r.is_error) << r.output;
    std::lock_guard<std::mutex> lock(mutex);
    EXPECT_EQ(steps, (std::vector<double>{1, 2}));
}

}  // namespace
}  // namespace klaude::core::mcp
