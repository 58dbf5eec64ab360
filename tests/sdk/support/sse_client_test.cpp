// The support library's streaming call (SseClient) with a toy protocol, against the loopback
// replay server: what it retries and what it does not, the event-stream check, the ERROR event
// before the failure, and the strict provider config readers it is configured with.
#include "klaude/support/sse_client.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "klaude/sdk/event_sink.hpp"
#include "klaude/support/json.h"
#include "klaude/support/provider_config.h"
#include "tests/plugins/responses/replay_server.h"

namespace klaude::support {
namespace {

using klaude::responses::testing::ReplayServer;
using klaude::responses::testing::Reply;

// A toy protocol: each `data:` is text for the sink; `data: END` completes; `data: FAIL` is an
// in-stream failure that asks for another try.
class ToyMapper : public SseStreamMapper {
  public:
    explicit ToyMapper(const sdk::EventSink& sink) : sink_(sink) {}
    void on_event(const SseEvent& event) override {
        if (event.data == "END") {
            done_ = true;
        } else if (event.data == "FAIL") {
            failure_ = StreamFailure{KLAUDE_ERROR_SERVER, "overloaded", "try again", true};
        } else {
            sink_.text_delta(event.data);
            emitted_ = true;
        }
    }
    void finish() override {
        if (done_) {
            sink_.completed(R"({"status":"completed"})");
        } else if (!failure_) {
            failure_ = StreamFailure{KLAUDE_ERROR_NETWORK, "", "no END", false};
        }
    }
    bool done() const override { return done_; }
    const std::optional<StreamFailure>& failure() const override { return failure_; }
    bool emitted() const override { return emitted_; }

  private:
    sdk::EventSink sink_;
    bool done_ = false;
    bool emitted_ = false;
    std::optional<StreamFailure> failure_;
};

struct Recorded {
    std::vector<std::pair<klaude_event_type_t, std::string>> events;
    klaude_status_t status = KLAUDE_OK;
    std::string message;
    std::string text() const {
        std::string out;
        for (const auto& [type, data] : events) {
            out += type == KLAUDE_EVENT_TEXT_DELTA ? data : "";
        }
        return out;
    }
    std::string error_event() const {
        for (const auto& [type, data] : events) {
            if (type == KLAUDE_EVENT_ERROR) {
                return data;
            }
        }
        return {};
    }
};

TransportSettings fast() {
    rapidjson::Document options;
    options.Parse(R"({"retry_base_ms":1,"max_attempts":3,"proxy":false})");
    return config::transport(options);
}

Recorded call(SseClient& client, const std::string& url, std::vector<int> wait = {429}) {
    Recorded out;
    sdk::FunctionSink sink([&](klaude_event_type_t type, std::string_view data) {
        out.events.emplace_back(type, std::string(data));
    });
    try {
        client.stream(
            [&] {
                SseRequest request;
                request.url = url;
                request.body = "{}";
                request.mapper = [](const sdk::EventSink& s) {
                    return std::make_unique<ToyMapper>(s);
                };
                request.wait_statuses = wait;
                return request;
            },
            sink.sink());
    } catch (const sdk::Error& e) {
        out.status = e.status();
        out.message = e.what();
    }
    return out;
}

TEST(SseClient, RetriesBeforeOutputThenStreams) {
    ReplayServer server({Reply::error(503, "{}"), Reply::sse("data: FAIL\n\n"),
                         Reply::sse("data: Hel\n\ndata: lo\n\ndata: END\n\n", 5)});
    SseClient client(fast(), sdk::Host(nullptr), "toy");
    const Recorded r = call(client, server.base_url() + "/v1/x");
    EXPECT_EQ(r.status, KLAUDE_OK) << r.message;
    EXPECT_EQ(r.text(), "Hello");
    // COMPLETED last, then the FLUSH that follows every read and the end.
    ASSERT_GE(r.events.size(), 2u);
    EXPECT_EQ(r.events[r.events.size() - 2].first, KLAUDE_EVENT_COMPLETED);
    EXPECT_EQ(r.events.back().first, KLAUDE_EVENT_FLUSH);
    ASSERT_EQ(server.requests().size(), 3u);
    EXPECT_EQ(server.requests()[0].header("Content-Type"), "application/json");
    EXPECT_EQ(server.requests()[0].header("Accept"), "text/event-stream");
}

TEST(SseClient, NoRetryOnceOutputReachedTheSink) {
    ReplayServer server(
        {Reply::sse("data: partial\n\ndata: FAIL\n\n"), Reply::sse("data: END\n\n")});
    SseClient client(fast(), sdk::Host(nullptr), "toy");
    const Recorded r = call(client, server.base_url() + "/v1/x");
    EXPECT_EQ(r.status, KLAUDE_ERROR_SERVER);
    EXPECT_EQ(r.message, "try again");
    EXPECT_EQ(r.text(), "partial");
    EXPECT_EQ(server.requests().size(), 1u);
    // The ERROR event came first, with the mapper's code.
    EXPECT_EQ(r.error_event(), R"({"status":"server","code":"overloaded","message":"try again"})");
}

TEST(SseClient, WaitsOutTheStatusesItIsToldWithRetryAfter) {
    ReplayServer server(
        {Reply::error(529, R"({"error":{"message":"busy"}})", {{"retry-after-ms", "20"}}),
         Reply::sse("data: ok\n\ndata: END\n\n")});
    SseClient client(fast(), sdk::Host(nullptr), "toy");
    EXPECT_EQ(call(client, server.base_url() + "/v1/x", {429, 529}).status, KLAUDE_OK);
    EXPECT_EQ(server.requests().size(), 2u);
}

TEST(SseClient, A429WithoutRetryAfterIsReportedAtOnce) {
    ReplayServer server(
        {Reply::error(429, R"({"error":{"message":"slow down"}})"), Reply::sse("data: END\n\n")});
    SseClient client(fast(), sdk::Host(nullptr), "toy");
    const Recorded r = call(client, server.base_url() + "/v1/x");
    EXPECT_EQ(r.status, KLAUDE_ERROR_RATE_LIMITED);
    EXPECT_EQ(r.message, "HTTP 429: slow down");
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST(SseClient, AnAnswerThatIsNotAnEventStreamIsOneClearLine) {
    Reply page = Reply::error(200, "<html>login</html>", {{"Content-Type", "text/html"}});
    page.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    ReplayServer server({page});
    SseClient client(fast(), sdk::Host(nullptr), "toy");
    const Recorded r = call(client, server.base_url() + "/v1/x");
    EXPECT_EQ(r.status, KLAUDE_ERROR_PROTOCOL);
    EXPECT_EQ(r.message,
              "expected an event stream but the server answered HTTP 200 with text/html; check "
              "base_url");
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST(SseClient, ACancelBeforeTheCallIsForgottenButOneDuringItStopsIt) {
    ReplayServer server({Reply::sse("data: a\n\ndata: END\n\n")});
    SseClient client(fast(), sdk::Host(nullptr), "toy");
    client.cancel();  // nothing runs: harmless
    EXPECT_EQ(call(client, server.base_url() + "/v1/x").status, KLAUDE_OK);

    Reply stall = Reply::sse("data: a\n\n");
    stall.stall = std::chrono::milliseconds(5000);
    ReplayServer slow({stall});
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        client.cancel();
    });
    const auto start = std::chrono::steady_clock::now();
    const Recorded r = call(client, slow.base_url() + "/v1/x");
    canceller.join();
    EXPECT_EQ(r.status, KLAUDE_ERROR_CANCELLED);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST(ProviderConfig, TransportOptionsAreReadStrictly) {
    rapidjson::Document options;
    options.Parse(R"({"connect_timeout_ms":500,"max_attempts":2,"ca_file":"/x.pem","proxy":false,)"
                  R"("keep_alive":false,"max_retry_total_ms":0})");
    const TransportSettings t = config::transport(options);
    EXPECT_EQ(t.connect_timeout.count(), 500);
    EXPECT_EQ(t.idle_timeout.count(), 300000);  // the default
    EXPECT_EQ(t.retry.max_attempts, 2);
    EXPECT_EQ(t.retry.max_retry_total.count(), 0);
    EXPECT_EQ(t.ca_file, "/x.pem");
    EXPECT_FALSE(t.use_proxy_env);
    EXPECT_FALSE(t.keep_alive);

    for (const char* bad : {R"({"max_attempts":0})", R"({"max_attempts":"3"})",
                            R"({"proxy":"yes"})", R"({"ca_file":7})"}) {
        rapidjson::Document doc;
        doc.Parse(bad);
        try {
            config::transport(doc);
            ADD_FAILURE() << bad << " was accepted";
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_INVALID_ARGUMENT);
            EXPECT_EQ(std::string(e.what()).rfind("provider config: options.", 0), 0u) << e.what();
        }
    }
}

TEST(ProviderConfig, BaseUrlHeadersAndTheEnvironment) {
    rapidjson::Document doc;
    config::parse_provider(R"({"base_url":"https://a.example/v1//","headers":{"X-A":"1"}})", doc);
    EXPECT_EQ(config::base_url(doc, "", ""), "https://a.example/v1");
    ::setenv("KLAUDE_TEST_SSE_BASE", "http://127.0.0.1:9/", 1);
    EXPECT_EQ(config::base_url(doc, "", "KLAUDE_TEST_SSE_BASE"), "http://127.0.0.1:9");
    ::unsetenv("KLAUDE_TEST_SSE_BASE");
    ASSERT_EQ(config::headers(doc).size(), 1u);
    EXPECT_EQ(config::headers(doc)[0].first, "X-A");

    rapidjson::Document ftp;
    config::parse_provider(R"({"base_url":"ftp://x"})", ftp);
    EXPECT_THROW(config::base_url(ftp, "", ""), sdk::Error);
    EXPECT_THROW(config::parse_provider("[1]", ftp), sdk::Error);
    EXPECT_THROW(config::parse_provider("{", ftp), sdk::Error);

    HeaderList headers{{"accept", "a"}, {"X-B", "b"}};
    set_header(headers, "Accept", "c");
    ASSERT_EQ(headers.size(), 2u);
    EXPECT_EQ(headers[1], std::make_pair(std::string("Accept"), std::string("c")));
}

}  // namespace
}  // namespace klaude::support
