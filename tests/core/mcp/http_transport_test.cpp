// The Streamable HTTP transport against our own server on real sockets (FakeHttpMcpServer):
// what a real server may do that the reference servers rarely do on demand — JSON or event
// stream answers, notifications before the response, the session id round trip, expiry (404),
// HTTP errors, cut streams, bodies that are not JSON — and what the client must send: 202-bound
// notifications, notifications/cancelled as a POST after a timeout or Ctrl-C, the bearer token,
// the DELETE at shutdown.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/mcp/http_headers.h"
#include "core/mcp/mcp_client.h"
#include "core/mcp/mcp_servers.h"
#include "tests/core/mcp/fake_http_mcp_server.h"
#include "tests/support/free_port.h"

namespace klaude::core::mcp {
namespace {

using testing::FakeHttpMcpServer;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RecordedRequest;
using Response = Poco::Net::HTTPServerResponse;

McpServerConfig http_config(const std::string& url) {
    McpServerConfig c;
    c.name = "web";
    c.url = url;
    c.startup_timeout_s = 5;
    c.tool_timeout_s = 5;
    return c;
}

RpcOutcome call_echo(McpClient& client, const std::atomic<bool>* cancel = nullptr) {
    return client.call_tool("echo", R"({"text":"hi"})", cancel);
}

std::string result_text(const RpcOutcome& outcome) {
    return outcome.status == RpcOutcome::Status::kOk ? outcome.result_json
                                                     : "error: " + outcome.error;
}

std::vector<RecordedRequest> of_method(const std::vector<RecordedRequest>& all,
                                       const std::string& rpc_method) {
    std::vector<RecordedRequest> out;
    for (const auto& r : all) {
        if (r.rpc_method == rpc_method) {
            out.push_back(r);
        }
    }
    return out;
}

// A tools/call that is never answered: the stream stays open (no bytes) until the client gives
// up on it or 10 s pass.
class Hang {
  public:
    void operator()(const std::string&, const std::string&, Response& response) {
        response.setContentType("text/event-stream");
        response.setChunkedTransferEncoding(true);
        response.send().flush();
        std::unique_lock<std::mutex> lock(mutex_);
        released_.wait_for(lock, std::chrono::seconds(10), [this] { return release_; });
    }
    void release() {
        std::lock_guard<std::mutex> lock(mutex_);
        release_ = true;
        released_.notify_all();
    }

  private:
    std::mutex mutex_;
    std::condition_variable released_;
    bool release_ = false;
};

TEST(McpHttp, JsonAnswersAndTheSessionAndRevisionOnEveryLaterRequest) {
    FakeHttpMcpServer server([](const std::string& id, const std::string&, Response& response) {
        FakeHttpMcpServer::answer_json(response, FakeHttpMcpServer::echo_result(id, "echo: hi"));
    });
    McpClient client(http_config(server.url()));
    client.start();
    EXPECT_EQ(client.protocol_version(), "2025-06-18");
    EXPECT_EQ(client.server_name(), "fake-http 1");
    ASSERT_EQ(client.tools().size(), 1u);
    EXPECT_THAT(result_text(call_echo(client)), HasSubstr("echo: hi"));
    EXPECT_FALSE(client.failed());

    const auto requests = server.requests();
    ASSERT_GE(requests.size(), 4u);
    for (const auto& r : requests) {
        EXPECT_EQ(r.http_method, "POST");
        EXPECT_EQ(r.header("accept"), "application/json, text/event-stream");
        EXPECT_EQ(r.header("content-type"), "application/json");
    }
    EXPECT_EQ(requests[0].rpc_method, "initialize");
    EXPECT_EQ(requests[0].header("mcp-session-id"), "");
    EXPECT_EQ(requests[0].header("mcp-protocol-version"), "");
    for (std::size_t i = 1; i < requests.size(); ++i) {
        EXPECT_EQ(requests[i].header("mcp-session-id"), "session-1") << requests[i].body;
        EXPECT_EQ(requests[i].header("mcp-protocol-version"), "2025-06-18") << requests[i].body;
    }
    // notifications/initialized went out (and its 202 did not upset the client) before the list.
    EXPECT_EQ(requests[1].rpc_method, "notifications/initialized");
    EXPECT_EQ(requests[2].rpc_method, "tools/list");
}

TEST(McpHttp, AnEventStreamAnswerWithANotificationBeforeTheResponse) {
    FakeHttpMcpServer server([](const std::string& id, const std::string&, Response& response) {
        FakeHttpMcpServer::answer_events(
            response,
            {"id: prime-1\ndata: ",  // the SDK's resumability priming event: no message
             "event: message\ndata: "
             R"({"jsonrpc":"2.0","method":"notifications/progress","params":)"
             R"({"progressToken":1,"progress":1}})",
             "event: something-else\ndata: not json at all",  // unknown event types are skipped
             ": a comment\nid: 7\nretry: 1000\ndata: " +
                 FakeHttpMcpServer::echo_result(id, "from the stream")});
    });
    McpClient client(http_config(server.url()));
    client.start();
    EXPECT_THAT(result_text(call_echo(client)), HasSubstr("from the stream"));
    EXPECT_FALSE(client.failed());
}

TEST(McpHttp, ServerRequestsInTheStreamAreAnsweredWithAPost) {
    FakeHttpMcpServer server([](const std::string& id, const std::string&, Response& response) {
        FakeHttpMcpServer::answer_events(
            response, {R"(data: {"jsonrpc":"2.0","id":"srv-1","method":"ping"})",
                       "data: " + FakeHttpMcpServer::echo_result(id, "after ping")});
    });
    McpClient client(http_config(server.url()));
    client.start();
    EXPECT_THAT(result_text(call_echo(client)), HasSubstr("after ping"));
    EXPECT_TRUE(server.wait_for(R"("id":"srv-1","result":{})"));
}

TEST(McpHttp, ConcurrentCallsEachHaveTheirOwnPost) {
    std::mutex mutex;
    std::condition_variable cv;
    bool second_answered = false;
    FakeHttpMcpServer server(
        [&](const std::string& id, const std::string& body, Response& response) {
            if (body.find("first") != std::string::npos) {
                // Answers only once the second call was answered: both must be in flight at once.
                std::unique_lock<std::mutex> lock(mutex);
                cv.wait_for(lock, std::chrono::seconds(5), [&] { return second_answered; });
                lock.unlock();
                FakeHttpMcpServer::answer_json(response, FakeHttpMcpServer::echo_result(id, "one"));
                return;
            }
            FakeHttpMcpServer::answer_json(response, FakeHttpMcpServer::echo_result(id, "two"));
            std::lock_guard<std::mutex> lock(mutex);
            second_answered = true;
            cv.notify_all();
        });
    McpClient client(http_config(server.url()));
    client.start();
    RpcOutcome first;
    std::thread t([&] { first = client.call_tool("echo", R"({"text":"first"})", nullptr); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto start = std::chrono::steady_clock::now();
    RpcOutcome second = client.call_tool("echo", R"({"text":"second"})", nullptr);
    t.join();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
    EXPECT_THAT(result_text(first), HasSubstr("one"));
    EXPECT_THAT(result_text(second), HasSubstr("two"));
}

TEST(McpHttp, AnExpiredSessionFailsTheServerWithOneLine) {
    FakeHttpMcpServer* fake = nullptr;
    FakeHttpMcpServer server([&](const std::string&, const std::string&, Response& response) {
        fake->forget_session();  // never reached: the session check comes first
        response.send();
    });
    fake = &server;
    McpClient client(http_config(server.url()));
    client.start();
    server.forget_session();
    const RpcOutcome outcome = call_echo(client);
    EXPECT_EQ(outcome.status, RpcOutcome::Status::kFailed);
    EXPECT_EQ(outcome.error,
              "the server no longer knows this MCP session (HTTP 404: it expired or the server "
              "restarted); restart klaude to open a new one");
    EXPECT_TRUE(client.failed());
}

TEST(McpHttp, AServerErrorIsOneLineWithTheServersMessage) {
    FakeHttpMcpServer server([](const std::string&, const std::string&, Response& response) {
        response.setStatus(Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
        FakeHttpMcpServer::answer_json(response, R"({"error":{"message":"database\ndown"}})");
    });
    std::string reported;
    auto client = std::make_shared<McpClient>(http_config(server.url()));
    client->start();
    client->set_failure_handler([&](const std::string& why) { reported = why; });
    const RpcOutcome outcome = call_echo(*client);
    EXPECT_EQ(outcome.status, RpcOutcome::Status::kFailed);
    EXPECT_EQ(outcome.error, "HTTP 500 from " + server.url() +
                                 ": database down; the server failed (its log says why)");
    EXPECT_EQ(reported, outcome.error);
    // Later calls fail at once with the same line.
    EXPECT_EQ(call_echo(*client).error, outcome.error);
}

TEST(McpHttp, AJsonRpcErrorInAnHttpErrorIsTheCallsAnswer) {
    FakeHttpMcpServer server([](const std::string& id, const std::string&, Response& response) {
        response.setStatus(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
        FakeHttpMcpServer::answer_json(
            response,
            R"({"jsonrpc":"2.0","id":)" + id + R"(,"error":{"code":-32602,"message":"bad args"}})");
    });
    McpClient client(http_config(server.url()));
    client.start();
    const RpcOutcome outcome = call_echo(client);
    EXPECT_EQ(outcome.status, RpcOutcome::Status::kError);
    EXPECT_EQ(outcome.error, "bad args");
    EXPECT_FALSE(client.failed());
}

TEST(McpHttp, AStreamCutInsideAnEventFailsTheServer) {
    FakeHttpMcpServer server([](const std::string&, const std::string&, Response& response) {
        // The stream ends inside the event that would have carried the response.
        FakeHttpMcpServer::answer_stream(
            response,
            "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n"
            "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":");
    });
    McpClient client(http_config(server.url()));
    client.start();
    const RpcOutcome outcome = call_echo(client);
    EXPECT_EQ(outcome.status, RpcOutcome::Status::kFailed);
    EXPECT_EQ(outcome.error, "ended its answer to tools/call (HTTP POST to " + server.url() +
                                 ") without the response; the server may have crashed (its log "
                                 "says why)");
}

TEST(McpHttp, ABodyThatIsNotJsonFailsTheServer) {
    FakeHttpMcpServer server([](const std::string&, const std::string&, Response& response) {
        FakeHttpMcpServer::answer_json(response, "<html>login here</html>");
    });
    McpClient client(http_config(server.url()));
    client.start();
    const RpcOutcome outcome = call_echo(client);
    EXPECT_EQ(outcome.status, RpcOutcome::Status::kFailed);
    EXPECT_THAT(outcome.error, HasSubstr("answered with a body that is not JSON"));
}

TEST(McpHttp, AnEventThatIsNotJsonRpcFailsTheServer) {
    FakeHttpMcpServer server([](const std::string&, const std::string&, Response& response) {
        FakeHttpMcpServer::answer_events(response, {"data: [1, 2]"});
    });
    McpClient client(http_config(server.url()));
    client.start();
    EXPECT_THAT(call_echo(client).error, HasSubstr("answered with something that is not JSON-RPC"));
}

TEST(McpHttp, AnAnswerThatIsNeitherJsonNorAStreamFailsTheServer) {
    FakeHttpMcpServer server([](const std::string&, const std::string&, Response& response) {
        response.setContentType("text/html");
        response.setContentLength(5);
        response.send() << "hello";
    });
    McpClient client(http_config(server.url()));
    client.start();
    EXPECT_THAT(call_echo(client).error,
                HasSubstr("answered tools/call with HTTP 200 and Content-Type 'text/html', not "
                          "JSON or an event stream"));
}

TEST(McpHttp, NobodyListeningIsAStartupErrorThatSaysWhere) {
    const std::string url =
        "http://127.0.0.1:" + std::to_string(klaude::testing::free_port()) + "/mcp";
    McpServers servers({http_config(url)}, nullptr);
    ASSERT_EQ(servers.failure_lines().size(), 1u);
    EXPECT_THAT(servers.failure_lines()[0],
                HasSubstr("mcp server 'web' failed to start: cannot reach " + url));
    EXPECT_THAT(servers.failure_lines()[0],
                HasSubstr("Connection refused); check that the server is running there; going on "
                          "without it"));
    EXPECT_EQ(servers.failure_lines()[0].find('\n'), std::string::npos);
}

TEST(McpHttp, ATimeoutSendsNotificationsCancelledAsAPost) {
    Hang hang;
    FakeHttpMcpServer server([&](const std::string& id, const std::string& body,
                                 Response& response) {
        if (body.find("after") != std::string::npos) {
            FakeHttpMcpServer::answer_json(response, FakeHttpMcpServer::echo_result(id, "after"));
            return;
        }
        hang(id, body, response);
    });
    McpServerConfig config = http_config(server.url());
    config.tool_timeout_s = 1;
    McpClient client(config);
    client.start();
    const auto start = std::chrono::steady_clock::now();
    const RpcOutcome outcome = call_echo(client);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
    EXPECT_EQ(outcome.status, RpcOutcome::Status::kTimedOut);
    ASSERT_TRUE(server.wait_for("notifications/cancelled"));
    const auto cancelled = of_method(server.requests(), "notifications/cancelled");
    ASSERT_EQ(cancelled.size(), 1u);
    EXPECT_THAT(cancelled[0].body, HasSubstr(R"("params":{"requestId":3,"reason":"timed out"})"));
    EXPECT_EQ(cancelled[0].header("mcp-session-id"), "session-1");
    hang.release();
    // The server goes on.
    EXPECT_THAT(result_text(client.call_tool("echo", R"({"text":"after"})", nullptr)),
                HasSubstr("after"));
    EXPECT_FALSE(client.failed());
}

TEST(McpHttp, CtrlCCancelsTheCallAndTellsTheServer) {
    Hang hang;
    FakeHttpMcpServer server([&](const std::string& id, const std::string& body,
                                 Response& response) { hang(id, body, response); });
    McpClient client(http_config(server.url()));
    client.start();
    std::atomic<bool> cancel{false};
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel.store(true);
    });
    const auto start = std::chrono::steady_clock::now();
    const RpcOutcome outcome = call_echo(client, &cancel);
    canceller.join();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));
    EXPECT_EQ(outcome.status, RpcOutcome::Status::kCancelled);
    EXPECT_TRUE(server.wait_for(R"("reason":"cancelled by the user")"));
    hang.release();
    // Shutdown does not wait for the abandoned stream.
    const auto stop = std::chrono::steady_clock::now();
    client.shutdown();
    EXPECT_LT(std::chrono::steady_clock::now() - stop, std::chrono::seconds(3));
}

TEST(McpHttp, ShutdownEndsTheSessionWithDelete) {
    FakeHttpMcpServer server(
        [](const std::string&, const std::string&, Response& response) { response.send(); });
    McpClient client(http_config(server.url()));
    client.start();
    client.shutdown();
    const auto requests = server.requests();
    ASSERT_FALSE(requests.empty());
    EXPECT_EQ(requests.back().http_method, "DELETE");
    EXPECT_EQ(requests.back().header("mcp-session-id"), "session-1");
}

TEST(McpHttp, ADeleteRefusedWith405IsFine) {
    FakeHttpMcpServer server(
        [](const std::string&, const std::string&, Response& response) { response.send(); });
    server.delete_status = 405;
    McpClient client(http_config(server.url()));
    client.start();
    bool reported = false;
    client.set_failure_handler([&](const std::string&) { reported = true; });
    client.shutdown();
    EXPECT_FALSE(reported);
    EXPECT_EQ(server.requests().back().http_method, "DELETE");
}

TEST(McpHttp, WithoutASessionIdNoneIsSentAndNoDelete) {
    FakeHttpMcpServer server([](const std::string& id, const std::string&, Response& response) {
        FakeHttpMcpServer::answer_json(response, FakeHttpMcpServer::echo_result(id, "stateless"));
    });
    server.session_id = "";
    McpClient client(http_config(server.url()));
    client.start();
    EXPECT_THAT(result_text(call_echo(client)), HasSubstr("stateless"));
    client.shutdown();
    for (const auto& r : server.requests()) {
        EXPECT_EQ(r.http_method, "POST");
        EXPECT_EQ(r.header("mcp-session-id"), "");
    }
}

TEST(McpHttp, HeadersAndTheBearerTokenGoOnEveryRequest) {
    FakeHttpMcpServer server([](const std::string& id, const std::string&, Response& response) {
        FakeHttpMcpServer::answer_json(response, FakeHttpMcpServer::echo_result(id, "ok"));
    });
    ::setenv("KLAUDE_TEST_MCP_TOKEN", "s3cret-token", 1);
    McpServerConfig config = http_config(server.url());
    config.headers = {{"X-Team", "blue"}, {"Authorization", "Basic overridden"}};
    config.bearer_token_env = "KLAUDE_TEST_MCP_TOKEN";
    McpClient client(config);
    client.start();
    call_echo(client);
    client.shutdown();
    ::unsetenv("KLAUDE_TEST_MCP_TOKEN");
    const auto requests = server.requests();
    ASSERT_GE(requests.size(), 5u);
    for (const auto& r : requests) {
        EXPECT_EQ(r.header("authorization"), "Bearer s3cret-token") << r.http_method << r.body;
        EXPECT_EQ(r.header("x-team"), "blue");
    }
}

TEST(McpHttp, AMissingTokenVariableIsAStartupErrorNamingIt) {
    FakeHttpMcpServer server(
        [](const std::string&, const std::string&, Response& response) { response.send(); });
    ::unsetenv("KLAUDE_TEST_MCP_MISSING");
    McpServerConfig config = http_config(server.url());
    config.bearer_token_env = "KLAUDE_TEST_MCP_MISSING";
    McpServers servers({config}, nullptr);
    ASSERT_EQ(servers.failure_lines().size(), 1u);
    EXPECT_EQ(servers.failure_lines()[0],
              "mcp server 'web' failed to start: bearer_token_env names KLAUDE_TEST_MCP_MISSING, "
              "which is not set or empty: export KLAUDE_TEST_MCP_MISSING with the server's token; "
              "going on without it");
    EXPECT_TRUE(server.requests().empty());  // nothing was sent without it
}

TEST(McpHttp, AnEmptyTokenVariableIsMissingToo) {
    McpServerConfig config = http_config("http://127.0.0.1:9/mcp");
    config.bearer_token_env = "KLAUDE_TEST_MCP_EMPTY";
    auto env = [](const char*) { return std::string(); };
    EXPECT_THROW(configured_headers(config, env), std::runtime_error);
}

TEST(McpHttp, AnUnauthorizedAnswerSaysToCheckTheTokenAndNeverShowsIt) {
    FakeHttpMcpServer server([](const std::string&, const std::string&, Response& response) {
        response.setStatus(Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED);
        FakeHttpMcpServer::answer_json(response, R"({"error":{"message":"token expired"}})");
    });
    ::setenv("KLAUDE_TEST_MCP_TOKEN2", "expired-token", 1);
    McpServerConfig config = http_config(server.url());
    config.bearer_token_env = "KLAUDE_TEST_MCP_TOKEN2";
    McpClient client(config);
    client.start();
    ::unsetenv("KLAUDE_TEST_MCP_TOKEN2");
    const RpcOutcome outcome = call_echo(client);
    EXPECT_EQ(outcome.error, "HTTP 401 from " + server.url() +
                                 ": token expired; check its \"headers\" or \"bearer_token_env\" "
                                 "in config.json");
    EXPECT_THAT(outcome.error, Not(HasSubstr("expired-token")));
}

TEST(McpServersHttp, ListLineShowsHttpAndTheToolCount) {
    FakeHttpMcpServer server(
        [](const std::string&, const std::string&, Response& response) { response.send(); });
    McpServers servers({http_config(server.url())}, nullptr);
    ASSERT_TRUE(servers.failure_lines().empty()) << servers.failure_lines()[0];
    EXPECT_EQ(server_line(servers.servers()[0]),
              "web  http  ready  1 tools  (fake-http 1, MCP 2025-06-18)");
}

}  // namespace
}  // namespace klaude::core::mcp
