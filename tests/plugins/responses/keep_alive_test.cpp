// A ResponsesClient keeps its connection alive between calls (options.keep_alive, default on):
// N sequential calls open one connection, over HTTP here and over TLS in https_test.cpp; with
// keep_alive false every call opens its own and says `Connection: close`. A connection the
// server dropped between calls costs nothing visible.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>

#include "plugins/responses/responses_client.h"
#include "tests/plugins/responses/recording_sink.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/plugins/responses/transcripts.h"
#include "tests/stress/fault_server.h"

namespace klaude::responses {
namespace {

using testing::RecordingSink;
using testing::ReplayServer;
using testing::Reply;

const std::string kRequest =
    R"({"model":"gpt-5.1","input":[{"type":"message","role":"user","content":"hi"}]})";

ResponsesConfig config_for(const std::string& base_url, const std::string& options = "{}") {
    return ResponsesConfig::from_json(R"({"id":"t","base_url":")" + base_url +
                                      R"(","base_url_env":"","api_key_env":"","options":)" +
                                      options + "}");
}

void stream_ok(ResponsesClient& client) {
    RecordingSink sink;
    client.stream(kRequest, sink.sink());
    EXPECT_EQ(sink.joined(KLAUDE_EVENT_TEXT_DELTA), "Hello! How can I help you today?");
}

TEST(KeepAlive, SequentialCallsOnOneClientOpenOneConnection) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"), 100)});
    ResponsesClient client(config_for(server.base_url()), sdk::Host(nullptr));
    for (int i = 0; i < 5; ++i) {
        stream_ok(client);
    }
    EXPECT_EQ(server.requests().size(), 5u);
    EXPECT_EQ(server.connections(), 1);
    // HTTP/1.1 keeps the connection without a Connection header (nor does the Codex CLI send
    // one); the connection count above is what shows the reuse.
    EXPECT_EQ(server.requests()[0].header("Connection"), "");
}

TEST(KeepAlive, KeepAliveFalseOpensAConnectionPerCall) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"), 100)});
    ResponsesClient client(config_for(server.base_url(), R"({"keep_alive":false})"),
                           sdk::Host(nullptr));
    for (int i = 0; i < 3; ++i) {
        stream_ok(client);
    }
    EXPECT_EQ(server.connections(), 3);
    EXPECT_EQ(server.requests()[2].header("Connection"), "Close");
}

TEST(KeepAlive, KeepAliveMustBeABoolean) {
    EXPECT_THROW(config_for("http://127.0.0.1:1", R"({"keep_alive":"yes"})"), sdk::Error);
}

TEST(KeepAlive, AServerThatDropsIdleConnectionsCostsNoFailedCall) {
    const std::string sse = testing::load_transcript("text.sse");
    stress::FaultServer server([&sse](Poco::Net::StreamSocket& socket, stress::FaultServer&) {
        // One chunked answer per connection, then the connection is dropped.
        if (stress::read_http_request(socket).empty()) {
            return;
        }
        char size[32];
        snprintf(size, sizeof size, "%zx\r\n", sse.size());
        stress::send_all(socket,
                         "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n" +
                             std::string(size) + sse + "\r\n0\r\n\r\n");
    });
    // No retries of its own: any failure would show.
    ResponsesClient client(config_for(server.http_url(), R"({"max_attempts":1})"),
                           sdk::Host(nullptr));
    for (int i = 0; i < 3; ++i) {
        stream_ok(client);
    }
    EXPECT_EQ(server.connections(), 3);
}

}  // namespace
}  // namespace klaude::responses
