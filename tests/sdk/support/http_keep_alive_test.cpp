// HttpStream with a connection pool against real loopback servers: requests share one
// connection (HTTP and TLS), a connection the server closed is replaced (transparently, once,
// only when it was a kept-alive one), and no connection whose response was not read to the
// end, was cancelled, or that the server asked to close goes back into the pool.
#include "klaude/support/http_stream.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "klaude/support/tls_context.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/plugins/responses/test_pki.h"
#include "tests/stress/fault_server.h"

namespace klaude::support {
namespace {

using klaude::responses::testing::ReplayServer;
using klaude::responses::testing::Reply;
using klaude::responses::testing::TestPki;
using klaude::stress::FaultServer;
using klaude::stress::read_http_request;
using klaude::stress::send_all;

// A kept-alive 200 with a Content-Length body, as a raw server writes it.
std::string ok(const std::string& body, const std::string& extra_headers = "") {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body;
}

HttpOptions options_with(std::shared_ptr<ConnectionPool> pool) {
    HttpOptions options;
    options.use_proxy_env = false;
    options.idle_timeout = std::chrono::seconds(10);
    options.pool = std::move(pool);
    return options;
}

struct Answer {
    int status = 0;
    std::string body;
    bool reused = false;
};

Answer call(const HttpOptions& options, const std::string& url,
            const std::string& method = "POST") {
    HttpStream http(options, std::make_shared<CancelSignal>());
    Answer answer;
    answer.status =
        http.send(method, url, {{"Content-Type", "application/json"}}, method == "GET" ? "" : "{}");
    answer.body = http.read_all(1 << 20);
    answer.reused = http.reused_connection();
    return answer;
}

class KeepAlive : public ::testing::Test {
  protected:
    std::shared_ptr<ConnectionPool> pool_ = std::make_shared<ConnectionPool>();
};

TEST_F(KeepAlive, SequentialRequestsShareOneConnection) {
    ReplayServer server({Reply::sse("data: {}\n\n")});
    const HttpOptions options = options_with(pool_);
    for (int i = 0; i < 5; ++i) {
        const Answer answer = call(options, server.base_url() + "/v1/responses");
        EXPECT_EQ(answer.status, 200);
        EXPECT_EQ(answer.body, "data: {}\n\n");
        EXPECT_EQ(answer.reused, i > 0);
    }
    EXPECT_EQ(server.connections(), 1);
    ASSERT_EQ(server.requests().size(), 5u);
    // HTTP/1.1 keeps the connection without a Connection header (nor does the Codex CLI send
    // one); the connection count above is what shows the reuse.
    EXPECT_EQ(server.requests()[4].header("Connection"), "");
    EXPECT_EQ(pool_->idle(), 1u);
}

TEST_F(KeepAlive, WithoutAPoolEveryRequestHasItsOwnConnection) {
    ReplayServer server({Reply::sse("data: {}\n\n")});
    const HttpOptions options = options_with(nullptr);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(call(options, server.base_url() + "/v1/responses").status, 200);
    }
    EXPECT_EQ(server.connections(), 3);
    EXPECT_EQ(server.requests()[0].header("Connection"), "Close");
}

TEST_F(KeepAlive, GetWorksWithoutABodyAndKeepsTheConnection) {
    // (Not …/models: the replay server answers its models list itself.)
    ReplayServer server({Reply::error(200, R"({"models":[]})")});
    const HttpOptions options = options_with(pool_);
    EXPECT_EQ(call(options, server.base_url() + "/v1/files", "GET").body, R"({"models":[]})");
    EXPECT_EQ(call(options, server.base_url() + "/v1/files", "GET").status, 200);
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].uri, "/v1/files");
    EXPECT_EQ(requests[0].body, "");
    EXPECT_EQ(requests[0].header("Content-Length"), "");
    EXPECT_EQ(server.connections(), 1);
}

TEST_F(KeepAlive, OverTlsSequentialRequestsShareOneConnection) {
    const TestPki pki = TestPki::create();
    Poco::Net::Context::Params params;
    params.privateKeyFile = pki.localhost_key;
    params.certificateFile = pki.localhost_cert;
    params.verificationMode = Poco::Net::Context::VERIFY_NONE;
    {
        ReplayServer server({Reply::sse("data: {}\n\n")},
                            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params));
        HttpOptions options = options_with(pool_);
        options.tls_context = make_tls_context(pki.ca);
        for (int i = 0; i < 5; ++i) {
            const Answer answer = call(options, server.base_url() + "/v1/responses");
            EXPECT_EQ(answer.status, 200);
            EXPECT_EQ(answer.body, "data: {}\n\n");
        }
        EXPECT_EQ(server.connections(), 1);
        EXPECT_EQ(server.requests().size(), 5u);
        pool_->clear();
    }
    pki.remove();
}

TEST_F(KeepAlive, AConnectionTheServerClosedWhileIdleIsReplaced) {
    FaultServer server([](Poco::Net::StreamSocket& socket, FaultServer&) {
        // One request per connection, then close it without saying so beforehand.
        if (!read_http_request(socket).empty()) {
            send_all(socket, ok("hello"));
        }
    });
    const HttpOptions options = options_with(pool_);
    EXPECT_EQ(call(options, server.http_url() + "/a").body, "hello");
    EXPECT_EQ(call(options, server.http_url() + "/b").body, "hello");
    EXPECT_EQ(call(options, server.http_url() + "/c").body, "hello");
    EXPECT_EQ(server.connections(), 3);
}

TEST_F(KeepAlive, AReusedConnectionClosedWithoutAnAnswerIsRetriedOnceOnANewOne) {
    std::atomic<int> requests{0};
    std::atomic<int> accepted{0};
    FaultServer server([&](Poco::Net::StreamSocket& socket, FaultServer&) {
        if (++accepted == 1) {
            // The first connection answers once, then reads the next request and hangs up.
            if (read_http_request(socket).empty()) {
                return;
            }
            ++requests;
            send_all(socket, ok("first"));
            if (!read_http_request(socket).empty()) {
                ++requests;
            }
            return;
        }
        while (!read_http_request(socket).empty()) {
            ++requests;
            send_all(socket, ok("second"));
        }
    });
    const HttpOptions options = options_with(pool_);
    EXPECT_EQ(call(options, server.http_url() + "/x").body, "first");
    const Answer retried = call(options, server.http_url() + "/x");
    EXPECT_EQ(retried.status, 200);
    EXPECT_EQ(retried.body, "second");
    EXPECT_FALSE(retried.reused);  // it ended on the new connection
    EXPECT_EQ(server.connections(), 2);
    EXPECT_EQ(requests.load(), 3);
}

TEST_F(KeepAlive, TheRetryHappensOnlyOnce) {
    std::atomic<int> accepted{0};
    FaultServer server([&](Poco::Net::StreamSocket& socket, FaultServer&) {
        if (++accepted == 1) {
            if (!read_http_request(socket).empty()) {
                send_all(socket, ok("first"));
            }
        }
        // Every later request: read, then hang up without an answer.
        read_http_request(socket);
    });
    const HttpOptions options = options_with(pool_);
    EXPECT_EQ(call(options, server.http_url() + "/x").body, "first");
    try {
        call(options, server.http_url() + "/x");
        ADD_FAILURE() << "no error";
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_NETWORK) << e.what();
    }
    EXPECT_EQ(server.connections(), 2);  // the reused one, and one retry
}

TEST_F(KeepAlive, AFreshConnectionClosedWithoutAnAnswerIsNotRetried) {
    FaultServer server([](Poco::Net::StreamSocket& socket, FaultServer&) {
        read_http_request(socket);  // and hang up
    });
    try {
        call(options_with(pool_), server.http_url() + "/x");
        ADD_FAILURE() << "no error";
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_NETWORK) << e.what();
        EXPECT_NE(std::string(e.what()).find("127.0.0.1"), std::string::npos) << e.what();
    }
    EXPECT_EQ(server.connections(), 1);
}

TEST_F(KeepAlive, NoRetryOnceAResponseByteArrived) {
    std::atomic<int> accepted{0};
    FaultServer server([&](Poco::Net::StreamSocket& socket, FaultServer&) {
        if (++accepted == 1) {
            if (!read_http_request(socket).empty()) {
                send_all(socket, ok("first"));
            }
            if (!read_http_request(socket).empty()) {
                send_all(socket, "HTTP/1.1 2");  // and hang up inside the status line
            }
            return;
        }
        while (!read_http_request(socket).empty()) {
            send_all(socket, ok("second"));
        }
    });
    const HttpOptions options = options_with(pool_);
    EXPECT_EQ(call(options, server.http_url() + "/x").body, "first");
    EXPECT_THROW(call(options, server.http_url() + "/x"), sdk::Error);
    EXPECT_EQ(server.connections(), 1);
}

TEST_F(KeepAlive, ConnectionCloseFromTheServerIsHonoured) {
    // A server that says close but keeps the socket open: a client that reused it anyway
    // would get its second answer on the first connection.
    FaultServer server([](Poco::Net::StreamSocket& socket, FaultServer&) {
        while (!read_http_request(socket).empty()) {
            send_all(socket, ok("bye", "Connection: close\r\n"));
        }
    });
    const HttpOptions options = options_with(pool_);
    EXPECT_EQ(call(options, server.http_url() + "/x").body, "bye");
    EXPECT_EQ(pool_->idle(), 0u);
    EXPECT_EQ(call(options, server.http_url() + "/x").body, "bye");
    EXPECT_EQ(server.connections(), 2);
}

TEST_F(KeepAlive, AnHttp10AnswerIsNotKeptAlive) {
    FaultServer server([](Poco::Net::StreamSocket& socket, FaultServer&) {
        while (!read_http_request(socket).empty()) {
            send_all(socket, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }
    });
    const HttpOptions options = options_with(pool_);
    EXPECT_EQ(call(options, server.http_url() + "/x").body, "ok");
    EXPECT_EQ(call(options, server.http_url() + "/x").body, "ok");
    EXPECT_EQ(server.connections(), 2);
}

TEST_F(KeepAlive, APartiallyReadResponseDoesNotGoBackIntoThePool) {
    const std::string big(256 * 1024, 'x');
    FaultServer server([&big](Poco::Net::StreamSocket& socket, FaultServer&) {
        while (!read_http_request(socket).empty()) {
            if (!send_all(socket, ok(big))) {
                return;
            }
        }
    });
    const HttpOptions options = options_with(pool_);
    {
        HttpStream http(options, std::make_shared<CancelSignal>());
        EXPECT_EQ(http.send("GET", server.http_url() + "/big", {}, ""), 200);
        EXPECT_FALSE(http.read_some().empty());
    }
    EXPECT_EQ(pool_->idle(), 0u);
    EXPECT_EQ(call(options, server.http_url() + "/big").body.size(), big.size());
    EXPECT_EQ(pool_->idle(), 1u);
    EXPECT_EQ(server.connections(), 2);
}

TEST_F(KeepAlive, ACancelledResponseDoesNotGoBackIntoThePool) {
    FaultServer server([](Poco::Net::StreamSocket& socket, FaultServer& self) {
        if (!read_http_request(socket).empty()) {
            // Half the body, then silence.
            send_all(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345");
            self.stall(std::chrono::seconds(30));
        }
    });
    auto cancel = std::make_shared<CancelSignal>();
    {
        HttpStream http(options_with(pool_), cancel);
        EXPECT_EQ(http.send("GET", server.http_url() + "/x", {}, ""), 200);
        EXPECT_EQ(http.read_some(), "12345");
        std::thread canceller([&cancel] { cancel->cancel(); });
        canceller.join();
        try {
            http.read_some();
            ADD_FAILURE() << "no error";
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_CANCELLED);
        }
    }
    EXPECT_EQ(pool_->idle(), 0u);
}

TEST_F(KeepAlive, ATruncatedChunkedBodyIsAnErrorAndDoesNotGoBackIntoThePool) {
    Reply cut = Reply::sse("data: 1\n\ndata: 2\n\n");
    cut.cut_after = 9;
    ReplayServer server({cut});
    {
        HttpStream http(options_with(pool_), std::make_shared<CancelSignal>());
        EXPECT_EQ(http.post(server.base_url() + "/x", {}, "{}"), 200);
        std::string seen;
        try {
            for (std::string_view piece = http.read_some(); !piece.empty();
                 piece = http.read_some()) {
                seen.append(piece);
            }
            ADD_FAILURE() << "a chunked body cut before its last chunk read as complete";
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_NETWORK);
            EXPECT_NE(std::string(e.what()).find("closed before the end"), std::string::npos)
                << e.what();
        }
        // What arrived before the cut was delivered first.
        EXPECT_EQ(seen, "data: 1\n\n");
    }
    EXPECT_EQ(pool_->idle(), 0u);
}

TEST_F(KeepAlive, FinishReadsTheEndOfTheBodySoTheConnectionIsReused) {
    ReplayServer server({Reply::sse("event: response.completed\ndata: {}\n\n")});
    const HttpOptions options = options_with(pool_);
    for (int i = 0; i < 3; ++i) {
        HttpStream http(options, std::make_shared<CancelSignal>());
        EXPECT_EQ(http.post(server.base_url() + "/x", {}, "{}"), 200);
        // A caller that stops at its own end marker.
        std::string seen;
        while (seen.find("data: {}\n\n") == std::string::npos) {
            const std::string_view piece = http.read_some();
            ASSERT_FALSE(piece.empty());
            seen.append(piece);
        }
        EXPECT_TRUE(http.finish());
    }
    EXPECT_EQ(server.connections(), 1);
}

TEST_F(KeepAlive, KeepAliveTimeoutAdviceIsFollowed) {
    // "timeout=1": the server drops idle connections after a second; one second of margin
    // leaves nothing, so the connection is not kept.
    FaultServer server([](Poco::Net::StreamSocket& socket, FaultServer&) {
        while (!read_http_request(socket).empty()) {
            send_all(socket, ok("ok", "Keep-Alive: timeout=1\r\n"));
        }
    });
    EXPECT_EQ(call(options_with(pool_), server.http_url() + "/x").body, "ok");
    EXPECT_EQ(pool_->idle(), 0u);
}

}  // namespace
}  // namespace klaude::support
