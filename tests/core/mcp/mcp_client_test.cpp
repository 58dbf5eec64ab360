// The MCP client against real processes: our fault server (tests/peers/mcp-fault-server.mjs:
// crash at start, crash mid-call, hang, garbage, slow start, wrong versions) and the pinned
// @modelcontextprotocol/server-everything. Tools run through McpTool as the agent runs them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/agent/tools/default_tools.h"
#include "core/agent/tools/tool_registry.h"
#include "core/mcp/mcp_client.h"
#include "core/mcp/mcp_servers.h"
#include "core/mcp/mcp_tool.h"

namespace klaude::core::mcp {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kPeers = std::string(KLAUDE_SOURCE_DIR) + "/tests/peers";

void require_peers() {
    ASSERT_TRUE(std::filesystem::exists(kPeers + "/node_modules/.package-lock.json"))
        << kPeers << "/node_modules is missing: run 'make peers' (npm ci in tests/peers)";
}

McpServerConfig fault_server(const std::string& name, std::vector<std::string> extra = {}) {
    McpServerConfig c;
    c.name = name;
    c.command = {"node", kPeers + "/mcp-fault-server.mjs"};
    c.command.insert(c.command.end(), extra.begin(), extra.end());
    c.startup_timeout_s = 10;
    c.tool_timeout_s = 10;
    return c;
}

McpServerConfig everything_server() {
    McpServerConfig c;
    c.name = "everything";
    c.command = {"node",
                 kPeers + "/node_modules/@modelcontextprotocol/server-everything/dist/index.js",
                 "stdio"};
    return c;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The server logs what it receives asynchronously: wait a little for `text` to show up.
std::string wait_for_log(const std::string& path, const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::string content = read_file(path);
    while (content.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        content = read_file(path);
    }
    return content;
}

class TempFile {
  public:
    TempFile() {
        char name[] = "/tmp/klaude-mcp-log-XXXXXX";
        const int fd = ::mkstemp(name);
        ::close(fd);
        path_ = name;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

agent::ToolContext full_auto() {
    agent::ToolContext ctx =
        agent::ToolContext::in_directory(std::filesystem::temp_directory_path());
    ctx.approval = agent::ApprovalPolicy::kFullAuto;
    return ctx;
}

TEST(McpClient, StartsListsAllPagesAndSaysInitialized) {
    require_peers();
    TempFile log;
    auto client = std::make_shared<McpClient>(fault_server("f", {"--log", log.path()}));
    client->start();
    EXPECT_EQ(client->protocol_version(), "2025-11-25");
    EXPECT_EQ(client->server_name(), "fault-server 1.0.0");
    std::vector<std::string> names;
    for (const auto& t : client->tools()) {
        names.push_back(t.name);
    }
    EXPECT_THAT(names, ::testing::ElementsAre("echo", "big", "fail", "structured", "image", "hang",
                                              "crash", "garbage", "grow", "slow"));
    EXPECT_TRUE(client->tools()[0].read_only);
    EXPECT_FALSE(client->tools()[1].read_only);
    client->shutdown();
    const std::string received = read_file(log.path());
    EXPECT_THAT(received, HasSubstr("\"clientInfo\":{\"name\":\"klaude\""));
    EXPECT_THAT(received, HasSubstr("\"method\":\"notifications/initialized\""));
    EXPECT_THAT(received, HasSubstr("\"cursor\":\"page2\""));
}

TEST(McpClient, AcceptsAnOlderRevisionAndRefusesAnUnknownOne) {
    require_peers();
    McpClient old_one(fault_server("old", {"--mode", "old-version"}));
    old_one.start();
    EXPECT_EQ(old_one.protocol_version(), "2025-03-26");
    McpClient bad(fault_server("bad", {"--mode", "bad-version"}));
    try {
        bad.start();
        FAIL() << "started";
    } catch (const std::runtime_error& e) {
        EXPECT_THAT(e.what(), HasSubstr("speaks MCP revision '1999-01-01'"));
    }
}

TEST(McpServers, FaultsAtStartAreOneLineEachAndTheRestGoesOn) {
    require_peers();
    std::vector<McpServerConfig> configs = {
        fault_server("crashes", {"--mode", "crash-at-start"}),
        fault_server("garbles", {"--mode", "garbage-at-start"}),
        fault_server("slow", {"--mode", "slow-start", "--delay-ms", "30000"}),
        fault_server("good"),
    };
    configs[2].startup_timeout_s = 1;
    McpServerConfig missing;
    missing.name = "missing";
    missing.command = {"/nonexistent/mcp-server"};
    configs.push_back(missing);
    const auto start = std::chrono::steady_clock::now();
    McpServers servers(configs, nullptr);
    // In parallel: the slow one's 1 s bounds the whole start.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
    auto lines = servers.failure_lines();
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0],
              "mcp server 'crashes' failed to start: exited with status 3; going on without it");
    EXPECT_THAT(lines[1], StartsWith("mcp server 'garbles' failed to start: sent something that "
                                     "is not JSON-RPC on stdout (not JSON: this is not JSON-RPC)"));
    EXPECT_EQ(lines[2],
              "mcp server 'slow' failed to start: no answer to initialize within 1 s "
              "(startup_timeout_s); going on without it");
    EXPECT_EQ(lines[3],
              "mcp server 'missing' failed to start: cannot start "
              "'/nonexistent/mcp-server': No such file or directory; going on without it");
    agent::ToolRegistry registry;
    EXPECT_TRUE(servers.add_tools(registry).empty());
    EXPECT_EQ(registry.names().size(), 10u);
    EXPECT_NE(registry.find("mcp__good__echo"), nullptr);
}

TEST(McpServers, ASlowStartWithinItsTimeoutIsFine) {
    require_peers();
    McpServers servers({fault_server("slow", {"--mode", "slow-start", "--delay-ms", "700"})},
                       nullptr);
    EXPECT_TRUE(servers.failure_lines().empty());
    EXPECT_EQ(servers.servers()[0].state, ServerStatus::State::kReady);
}

TEST(McpServers, EnabledAndDisabledToolsFilter) {
    require_peers();
    McpServerConfig c = fault_server("f");
    c.enabled_tools = std::vector<std::string>{"echo", "big", "fail"};
    c.disabled_tools = {"fail"};
    McpServers servers({c}, nullptr);
    agent::ToolRegistry registry;
    servers.add_tools(registry);
    EXPECT_THAT(registry.names(), ::testing::ElementsAre("mcp__f__echo", "mcp__f__big"));
}

class FaultTools : public ::testing::Test {
  protected:
    void SetUp() override {
        require_peers();
        McpServerConfig c = fault_server("f", {"--log", log_.path()});
        c.tool_timeout_s = 2;
        servers_ = std::make_unique<McpServers>(std::vector<McpServerConfig>{c}, nullptr);
        ASSERT_TRUE(servers_->failure_lines().empty());
        servers_->add_tools(registry_);
    }
    agent::ToolResult run(const std::string& tool, const std::string& args = "{}") {
        return registry_.dispatch("mcp__f__" + tool, args, ctx_);
    }
    TempFile log_;
    std::unique_ptr<McpServers> servers_;
    agent::ToolRegistry registry_;
    agent::ToolContext ctx_ = full_auto();
};

TEST_F(FaultTools, CallsConvertResults) {
    EXPECT_EQ(run("echo", R"({"text":"hi"})").output, "echo: hi");
    auto failed = run("fail");
    EXPECT_TRUE(failed.is_error);
    EXPECT_EQ(failed.output, "it broke");
    EXPECT_EQ(run("structured").output, "{\"answer\":42}");
    EXPECT_EQ(run("image").output,
              "[image image/png, 5 bytes]\n"
              "resource link: file:///x.txt (x.txt)");
    auto big = run("big", R"({"bytes":200000})");
    EXPECT_THAT(big.output, StartsWith("BEGIN"));
    EXPECT_THAT(big.output, HasSubstr("bytes omitted"));
    EXPECT_EQ(big.output.substr(big.output.size() - 3), "END");
    EXPECT_LE(big.output.size(), ctx_.limits.mcp_output_bytes + 100);
    EXPECT_TRUE(run("echo", "[1]").is_error);
}

TEST_F(FaultTools, TheSchemaIsTheServersWithoutDollarSchema) {
    const std::string schema = registry_.find("mcp__f__echo")->parameters_schema();
    EXPECT_EQ(schema,
              R"({"type":"object","properties":{"text":{"type":"string"}},"required":["text"]})");
    EXPECT_EQ(registry_.find("mcp__f__fail")->parameters_schema(),
              R"({"type":"object","properties":{}})");
}

TEST_F(FaultTools, ATimeoutIsAnErrorAndTheServerIsToldToCancel) {
    const auto start = std::chrono::steady_clock::now();
    auto r = run("hang");
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
    EXPECT_TRUE(r.is_error);
    EXPECT_TRUE(r.timed_out);
    EXPECT_THAT(r.output, HasSubstr("did not answer within 2 s (tool_timeout_s)"));
    // The server is still usable, and got notifications/cancelled for the call.
    EXPECT_EQ(run("echo", R"({"text":"after"})").output, "echo: after");
    EXPECT_THAT(read_file(log_.path()),
                HasSubstr(R"("method":"notifications/cancelled","params":{"requestId":)"));
}

TEST_F(FaultTools, CancellingStopsTheCallAndTellsTheServer) {
    std::atomic<bool> cancel{false};
    ctx_.cancel = &cancel;
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel.store(true);
    });
    const auto start = std::chrono::steady_clock::now();
    auto r = run("hang");
    canceller.join();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));
    EXPECT_TRUE(r.cancelled);
    EXPECT_TRUE(r.is_error);
    EXPECT_THAT(
        wait_for_log(log_.path(), "cancelled by the user"),
        HasSubstr(
            R"("method":"notifications/cancelled","params":{"requestId":4,"reason":"cancelled by the user"})"));
}

TEST_F(FaultTools, ACrashMidCallFailsTheCallAndWithdrawsTheTools) {
    std::atomic<int> reported{0};
    std::string why;
    servers_->servers()[0].client->set_failure_handler([&](const std::string& w) {
        why = w;
        reported.fetch_add(1);
    });
    EXPECT_THAT(registry_.definitions_json(), HasSubstr("mcp__f__echo"));
    auto r = run("crash");
    EXPECT_TRUE(r.is_error);
    EXPECT_THAT(r.output,
                HasSubstr("MCP server 'f' failed during the call (exited with status 7)"));
    EXPECT_EQ(reported.load(), 1);
    EXPECT_EQ(why, "exited with status 7");
    EXPECT_EQ(registry_.definitions_json(), "[]");
    auto later = run("echo", R"({"text":"x"})");
    EXPECT_TRUE(later.is_error);
    EXPECT_THAT(later.output, HasSubstr("is not running"));
}

TEST_F(FaultTools, GarbageMidSessionFailsTheServer) {
    auto r = run("garbage");
    EXPECT_TRUE(r.is_error);
    EXPECT_THAT(r.output, HasSubstr("not JSON-RPC"));
    EXPECT_TRUE(servers_->servers()[0].client->failed());
}

class RecordingApprover : public agent::Approver {
  public:
    explicit RecordingApprover(bool answer) : answer_(answer) {}
    bool approve(const agent::ApprovalRequest& request) override {
        requests.push_back(request);
        return answer_;
    }
    std::vector<agent::ApprovalRequest> requests;

  private:
    bool answer_;
};

TEST_F(FaultTools, ApprovalsFollowThePolicyAndTheReadOnlyHint) {
    RecordingApprover no(false);
    ctx_.approver = &no;
    ctx_.approval = agent::ApprovalPolicy::kAsk;
    EXPECT_TRUE(run("echo", R"({"text":"a"})").denied);  // ask: even read-only tools ask
    ASSERT_EQ(no.requests.size(), 1u);
    EXPECT_EQ(no.requests[0].summary, "mcp: server 'f', tool 'echo'");
    EXPECT_EQ(no.requests[0].arguments, R"({"text":"a"})");
    ctx_.approval = agent::ApprovalPolicy::kAutoEdit;
    EXPECT_EQ(run("echo", R"({"text":"b"})").output, "echo: b");  // readOnlyHint: no question
    EXPECT_TRUE(run("big").denied);                               // not read-only: asks
    EXPECT_EQ(no.requests.size(), 2u);
    ctx_.approval = agent::ApprovalPolicy::kFullAuto;
    EXPECT_FALSE(run("big", R"({"bytes":10})").is_error);
    EXPECT_EQ(no.requests.size(), 2u);
}

// How many lines of `text` hold `needle`.
int count_lines_with(const std::string& text, const std::string& needle) {
    int count = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        count += line.find(needle) != std::string::npos;
    }
    return count;
}

TEST_F(FaultTools, ListChangedIsRememberedAndTheReloadReplacesTheServersTools) {
    McpClient& client = *servers_->servers()[0].client;
    EXPECT_FALSE(client.tools_changed());
    EXPECT_EQ(servers_->reload_changed_tools(registry_, nullptr).size(), 0u);
    EXPECT_EQ(count_lines_with(read_file(log_.path()), "\"tools/list\""), 2);  // no change: no list

    // The notification comes before the call's answer, on the reader thread.
    EXPECT_EQ(run("grow").output, "added grown1");
    EXPECT_TRUE(client.tools_changed());
    EXPECT_EQ(registry_.find("mcp__f__grown1"), nullptr);  // nothing changes until asked

    EXPECT_TRUE(servers_->reload_changed_tools(registry_, nullptr).empty());
    EXPECT_FALSE(client.tools_changed());
    EXPECT_EQ(count_lines_with(read_file(log_.path()), "\"tools/list\""), 4);  // both pages again
    ASSERT_NE(registry_.find("mcp__f__grown1"), nullptr);
    EXPECT_EQ(registry_.find("mcp__f__grown1")->description(), "Grown by call 1.");
    EXPECT_EQ(registry_.names().size(), 11u);
    EXPECT_EQ(run("echo", R"({"text":"still"})").output,
              "echo: still");  // the new tool objects work
}

TEST_F(FaultTools, AReloadThatFailsCostsOneLineAndKeepsTheOldTools) {
    EXPECT_EQ(run("grow", R"({"break":true})").output, "added grown1");
    const std::vector<std::string> before = registry_.names();
    auto lines = servers_->reload_changed_tools(registry_, nullptr);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0],
              "mcp server 'f': could not reload its tools (tools/list failed: the tool list is "
              "broken); keeping the ones it had");
    EXPECT_EQ(registry_.names(), before);
    EXPECT_EQ(registry_.find("mcp__f__grown1"), nullptr);
    EXPECT_EQ(run("echo", R"({"text":"old"})").output, "echo: old");
    // Tried once per list_changed, not at every turn.
    EXPECT_FALSE(servers_->servers()[0].client->tools_changed());
    EXPECT_TRUE(servers_->reload_changed_tools(registry_, nullptr).empty());
}

TEST(McpServers, AReloadTouchesOnlyThatServersToolsAndFiltersThemAsAtStart) {
    require_peers();
    McpServerConfig changing = fault_server("changing");
    changing.enabled_tools = std::vector<std::string>{"grow", "grown1", "grown2"};
    changing.disabled_tools = {"grown2"};
    McpServers servers({fault_server("steady"), changing}, nullptr);
    ASSERT_TRUE(servers.failure_lines().empty());
    agent::ToolRegistry registry;
    agent::add_default_tools(registry);
    const std::vector<std::string> builtin = registry.names();
    servers.add_tools(registry);
    agent::ToolContext ctx = full_auto();
    EXPECT_EQ(registry.dispatch("mcp__changing__grow", "{}", ctx).output, "added grown1");
    EXPECT_EQ(registry.dispatch("mcp__changing__grow", "{}", ctx).output, "added grown2");
    EXPECT_TRUE(servers.reload_changed_tools(registry, nullptr).empty());

    std::vector<std::string> names = registry.names();
    std::vector<std::string> expected = builtin;
    for (const ToolInfo& tool : servers.servers()[0].client->tools()) {
        expected.push_back("mcp__steady__" + tool.name);
    }
    expected.push_back("mcp__changing__grow");
    expected.push_back("mcp__changing__grown1");  // grown2 is disabled
    EXPECT_EQ(names, expected);
    EXPECT_EQ(server_line(servers.servers()[1]).substr(0, 31), "changing  stdio  ready  2 tools");
}

class RecordedProgress {
  public:
    McpClient::ProgressHandler handler() {
        return [this](const McpClient::Progress& p) {
            std::lock_guard<std::mutex> lock(mutex_);
            text_ += std::to_string(static_cast<int>(p.progress)) + "/" +
                     (p.total ? std::to_string(static_cast<int>(*p.total)) : "-") + " " +
                     p.message + "; ";
        };
    }
    std::string text() {
        std::lock_guard<std::mutex> lock(mutex_);
        return text_;
    }

  private:
    std::mutex mutex_;
    std::string text_;
};

TEST(McpClient, ProgressReachesTheHandlerOfItsOwnCallOnly) {
    require_peers();
    McpClient client(fault_server("f"));
    client.start();
    RecordedProgress a;
    RecordedProgress b;
    // Two calls at once: each token's notifications go to its own call.
    RpcOutcome second;
    std::thread other([&] {
        second = client.call_tool("slow", R"({"steps":4,"delay_ms":30})", nullptr, b.handler());
    });
    RpcOutcome first =
        client.call_tool("slow", R"({"steps":3,"delay_ms":40})", nullptr, a.handler());
    other.join();
    ASSERT_EQ(first.status, RpcOutcome::Status::kOk) << first.error;
    ASSERT_EQ(second.status, RpcOutcome::Status::kOk) << second.error;
    EXPECT_EQ(a.text(), "1/3 step 1; 2/3 step 2; 3/3 step 3; ");
    EXPECT_EQ(b.text(), "1/4 step 1; 2/4 step 2; 3/4 step 3; 4/4 step 4; ");
    // Each call had its own token, which the server saw in _meta.progressToken.
    EXPECT_THAT(first.result_json, ::testing::ContainsRegex("token [0-9]+"));
    EXPECT_THAT(second.result_json, ::testing::ContainsRegex("token [0-9]+"));
    EXPECT_NE(first.result_json.substr(first.result_json.find("token")),
              second.result_json.substr(second.result_json.find("token")));
    // Without a handler no token is asked for.
    RpcOutcome plain = client.call_tool("slow", R"({"steps":2})", nullptr);
    EXPECT_THAT(plain.result_json, HasSubstr("token undefined"));
}

TEST_F(FaultTools, ProgressGoesToTheContextsHookWhileTheCallRuns) {
    std::mutex mutex;
    std::vector<agent::ToolProgress> seen;
    ctx_.on_progress = [&](const agent::ToolProgress& p) {
        std::lock_guard<std::mutex> lock(mutex);
        seen.push_back(p);
    };
    EXPECT_THAT(run("slow", R"({"steps":2})").output, HasSubstr("slow: 2 steps, token "));
    std::lock_guard<std::mutex> lock(mutex);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[1].progress, 2);
    EXPECT_EQ(seen[1].total, std::optional<double>(2));
    EXPECT_EQ(seen[1].message, "step 2");
}

TEST(McpEverything, EchoAndAddOnTheReferenceServer) {
    require_peers();
    McpServers servers({everything_server()}, nullptr);
    ASSERT_TRUE(servers.failure_lines().empty()) << servers.failure_lines()[0];
    agent::ToolRegistry registry;
    servers.add_tools(registry);
    agent::ToolContext ctx = full_auto();
    auto echo = registry.dispatch("mcp__everything__echo", R"({"message":"hello"})", ctx);
    EXPECT_EQ(echo.output, "Echo: hello");
    EXPECT_FALSE(echo.is_error);
    auto sum = registry.dispatch("mcp__everything__get-sum", R"({"a":2,"b":3})", ctx);
    EXPECT_THAT(sum.output, HasSubstr("5"));
}

// The reference server registers its task tool (simulate-research-query) once the client says
// initialized, and says notifications/tools/list_changed for it.
TEST(McpEverything, SaysItsListChangedAndTheReloadFollows) {
    require_peers();
    McpServers servers({everything_server()}, nullptr);
    ASSERT_TRUE(servers.failure_lines().empty()) << servers.failure_lines()[0];
    McpClient& client = *servers.servers()[0].client;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!client.tools_changed() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(client.tools_changed());
    agent::ToolRegistry registry;
    servers.add_tools(registry);
    const std::size_t before = registry.names().size();
    EXPECT_TRUE(servers.reload_changed_tools(registry, nullptr).empty());
    EXPECT_FALSE(client.tools_changed());
    EXPECT_NE(registry.find("mcp__everything__echo"), nullptr);
    EXPECT_NE(registry.find("mcp__everything__simulate-research-query"), nullptr);
    EXPECT_GE(registry.names().size(), before);
}

// The reference server's long-running operation reports a step at a time when asked to.
TEST(McpEverything, TheLongRunningOperationsProgressReachesTheHook) {
    require_peers();
    McpServers servers({everything_server()}, nullptr);
    ASSERT_TRUE(servers.failure_lines().empty()) << servers.failure_lines()[0];
    agent::ToolRegistry registry;
    servers.add_tools(registry);
    agent::ToolContext ctx = full_auto();
    std::mutex mutex;
    std::vector<agent::ToolProgress> seen;
    ctx.on_progress = [&](const agent::ToolProgress& p) {
        std::lock_guard<std::mutex> lock(mutex);
        seen.push_back(p);
    };
    auto result = registry.dispatch("mcp__everything__trigger-long-running-operation",
                                    R"({"duration":0.6,"steps":3})", ctx);
    EXPECT_FALSE(result.is_error) << result.output;
    EXPECT_THAT(result.output, HasSubstr("Long running operation completed"));
    std::lock_guard<std::mutex> lock(mutex);
    ASSERT_EQ(seen.size(), 3u);
    for (std::size_t i = 0; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i].progress, static_cast<double>(i + 1));
        EXPECT_EQ(seen[i].total, std::optional<double>(3));
    }
}

}  // namespace
}  // namespace klaude::core::mcp
