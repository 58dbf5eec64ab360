// ResponsesClient end to end over real loopback sockets: transcripts replayed by a scripted
// server in several chunk sizes, request shape on the wire, HTTP errors and retries, cut and
// stalled streams, cancellation, proxies.
#include "plugins/responses/responses_client.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "plugins/responses/event_mapper.h"
#include "plugins/responses/request_builder.h"
#include "plugins/responses/support.h"
#include "tests/plugins/responses/recording_sink.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/plugins/responses/transcripts.h"

namespace klaude::responses {
namespace {

using testing::RecordingSink;
using testing::ReplayServer;
using testing::Reply;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr const char* kKeyEnv = "KLAUDE_RESPONSES_TEST_KEY";
const std::string kRequest =
    R"({"model":"gpt-5.1","session_id":"sess-42","input":[{"type":"message","role":"user","content":[{"type":"text","text":"hi"}]}]})";

std::string config_json(const std::string& base_url, const std::string& options = "{}",
                        const std::string& extra = "") {
    return R"({"id":"openai","protocol":"responses","base_url":")" + base_url +
           R"(","base_url_env":"","api_key_env":")" + kKeyEnv + R"(","options":)" + options +
           extra + "}";
}

struct Outcome {
    klaude_status_t status = KLAUDE_OK;
    std::string message;
    milliseconds elapsed{0};
};

Outcome run(ResponsesClient& client, RecordingSink& sink, const std::string& request = kRequest) {
    Outcome out;
    auto start = Clock::now();
    try {
        client.stream(request, sink.sink());
    } catch (const sdk::Error& e) {
        out.status = e.status();
        out.message = e.what();
    }
    out.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    return out;
}

// The events the mapper gives for a transcript in process: what the wire must give too.
std::vector<std::pair<klaude_event_type_t, std::string>> expected_events(const std::string& text) {
    RecordingSink sink;
    EventMapper mapper(sink.sink());
    SseParser parser;
    parser.feed(text, mapper);
    parser.finish(mapper);
    return sink.events();
}

class ClientTest : public ::testing::Test {
  protected:
    void SetUp() override { setenv(kKeyEnv, "sk-test-123", 1); }
    void TearDown() override { unsetenv(kKeyEnv); }

    std::unique_ptr<ResponsesClient> client(const ReplayServer& server,
                                            const std::string& options = "{}",
                                            const std::string& extra = "") {
        return std::make_unique<ResponsesClient>(
            ResponsesConfig::from_json(config_json(server.base_url() + "/v1", options, extra)),
            sdk::Host(nullptr));
    }
};

class WireReplay : public ClientTest,
                   public ::testing::WithParamInterface<std::tuple<std::string, size_t>> {};

TEST_P(WireReplay, EventsMatchTheInProcessMapping) {
    const auto& [name, chunk] = GetParam();
    const std::string text = testing::load_transcript(name);
    ReplayServer server({Reply::sse(text, chunk)});
    auto c = client(server);
    RecordingSink sink;
    Outcome out = run(*c, sink);

    auto expected = expected_events(text);
    const bool fails = name == "failed.sse" || name == "error.sse";
    if (fails) {
        EXPECT_NE(out.status, KLAUDE_OK);
        ASSERT_FALSE(sink.events().empty());
        EXPECT_EQ(sink.events().back().first, KLAUDE_EVENT_ERROR);
        auto events = sink.events();
        events.pop_back();
        EXPECT_EQ(events, expected);
    } else {
        EXPECT_EQ(out.status, KLAUDE_OK) << out.message;
        EXPECT_EQ(sink.events(), expected);
        EXPECT_EQ(sink.types().back(), KLAUDE_EVENT_COMPLETED);
    }
    EXPECT_EQ(server.requests().size(), 1u);  // never retried
    // The host is told when a network read has been delivered: at least once, and when the
    // whole stream arrives at once, not once per event.
    EXPECT_GE(sink.flushes(), 1);
    if (chunk == 0) {
        EXPECT_LT(static_cast<size_t>(sink.flushes()), sink.events().size());
    }
}

INSTANTIATE_TEST_SUITE_P(Transcripts, WireReplay,
                         ::testing::Combine(::testing::ValuesIn(testing::transcript_names()),
                                            ::testing::Values(size_t{1}, size_t{7}, size_t{512},
                                                              size_t{0})),
                         [](const ::testing::TestParamInfo<WireReplay::ParamType>& param_info) {
                             std::string name = std::get<0>(param_info.param);
                             name = name.substr(0, name.find('.'));
                             return name + "_chunk" + std::to_string(std::get<1>(param_info.param));
                         });

TEST_F(ClientTest, RequestOnTheWire) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"))});
    auto c =
        client(server, "{}", R"(,"headers":{"X-Extra":"1","accept":"text/event-stream; v=2"})");
    RecordingSink sink;
    ASSERT_EQ(run(*c, sink).status, KLAUDE_OK);
    auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    const auto& r = requests[0];
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.uri, "/v1/responses");
    EXPECT_EQ(r.header("Authorization"), "Bearer sk-test-123");
    EXPECT_EQ(r.header("Content-Type"), "application/json");
    EXPECT_EQ(r.header("Accept"), "text/event-stream; v=2");  // config headers win
    EXPECT_EQ(r.header("X-Extra"), "1");
    EXPECT_EQ(r.header("User-Agent").rfind("klaude/", 0), 0u);
    EXPECT_EQ(r.body, serialize(build_request(kRequest).body));
    rapidjson::Document body;
    body.Parse(r.body.c_str());
    EXPECT_STREQ(body["prompt_cache_key"].GetString(), "sess-42");
    EXPECT_TRUE(body["stream"].GetBool());
}

TEST_F(ClientTest, EnvironmentBaseUrlBeatsConfig) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"))});
    setenv("KLAUDE_TEST_BASE_URL", (server.base_url() + "/env/").c_str(), 1);
    ResponsesClient c(
        ResponsesConfig::from_json(
            R"({"id":"x","base_url":"http://127.0.0.1:1/nowhere","base_url_env":"KLAUDE_TEST_BASE_URL","api_key_env":")" +
            std::string(kKeyEnv) + "\"}"),
        sdk::Host(nullptr));
    unsetenv("KLAUDE_TEST_BASE_URL");
    RecordingSink sink;
    EXPECT_EQ(run(c, sink).status, KLAUDE_OK);
    ASSERT_EQ(server.requests().size(), 1u);
    EXPECT_EQ(server.requests()[0].uri, "/env/responses");
}

TEST_F(ClientTest, MissingKeyIsNotLoggedIn) {
    unsetenv(kKeyEnv);
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"))});
    auto c = client(server);
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_NOT_LOGGED_IN);
    EXPECT_NE(out.message.find(kKeyEnv), std::string::npos);
    EXPECT_TRUE(server.requests().empty());
    EXPECT_EQ(sink.of(KLAUDE_EVENT_ERROR).size(), 1u);
}

TEST_F(ClientTest, UnauthorizedIsAnAuthErrorNamingTheKeyVariable) {
    ReplayServer server({Reply::error(
        401,
        R"({"error":{"message":"Incorrect API key provided: sk-test***123.","type":"invalid_request_error","code":"invalid_api_key"}})")});
    auto c = client(server);
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_AUTH);
    EXPECT_NE(out.message.find("Incorrect API key provided"), std::string::npos) << out.message;
    EXPECT_NE(out.message.find(kKeyEnv), std::string::npos) << out.message;
    EXPECT_EQ(server.requests().size(), 1u);
    ASSERT_EQ(sink.of(KLAUDE_EVENT_ERROR).size(), 1u);
    rapidjson::Document e;
    e.Parse(sink.of(KLAUDE_EVENT_ERROR)[0].c_str());
    EXPECT_STREQ(e["status"].GetString(), "auth");
    EXPECT_STREQ(e["code"].GetString(), "invalid_api_key");
}

// What a subclass like codex does: a fresh token after a 401, picked up by add_headers.
class RefreshingClient : public ResponsesClient {
  public:
    using ResponsesClient::ResponsesClient;
    int refreshes = 0;

  protected:
    void add_headers(HeaderList& headers) override {
        headers.emplace_back("Authorization", "Bearer token-" + std::to_string(refreshes));
    }
    bool refresh_after_unauthorized() override {
        ++refreshes;
        return true;
    }
    std::string endpoint_url() const override { return config().base_url + "/codex/responses"; }
    void finish_body(rapidjson::Document& body) override {
        body.AddMember("extra_field", true, body.GetAllocator());
    }
};

TEST_F(ClientTest, SubclassHooksRefreshOnceAfterUnauthorized) {
    ReplayServer server({Reply::error(401, R"({"detail":"token expired"})"),
                         Reply::sse(testing::load_transcript("text.sse"))});
    RefreshingClient c(ResponsesConfig::from_json(config_json(server.base_url())),
                       sdk::Host(nullptr));
    RecordingSink sink;
    Outcome out = run(c, sink);
    EXPECT_EQ(out.status, KLAUDE_OK) << out.message;
    EXPECT_EQ(c.refreshes, 1);
    auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].header("Authorization"), "Bearer token-0");
    EXPECT_EQ(requests[1].header("Authorization"), "Bearer token-1");
    EXPECT_EQ(requests[1].uri, "/codex/responses");
    EXPECT_NE(requests[1].body.find("\"extra_field\":true"), std::string::npos);
}

TEST_F(ClientTest, SecondUnauthorizedIsNotRefreshedAgain) {
    ReplayServer server({Reply::error(401, R"({"detail":"token expired"})")});
    RefreshingClient c(ResponsesConfig::from_json(config_json(server.base_url())),
                       sdk::Host(nullptr));
    RecordingSink sink;
    Outcome out = run(c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_AUTH);
    EXPECT_NE(out.message.find("token expired"), std::string::npos);
    EXPECT_EQ(c.refreshes, 1);
    EXPECT_EQ(server.requests().size(), 2u);
}

TEST_F(ClientTest, RateLimitWithShortRetryAfterIsRetried) {
    ReplayServer server(
        {Reply::error(429,
                      R"({"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}})",
                      {{"retry-after-ms", "300"}}),
         Reply::sse(testing::load_transcript("text.sse"))});
    auto c = client(server);
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_OK) << out.message;
    EXPECT_EQ(server.requests().size(), 2u);
    EXPECT_GE(out.elapsed.count(), 280);  // it waited as told
    EXPECT_EQ(sink.of(KLAUDE_EVENT_ERROR).size(), 0u);
}

TEST_F(ClientTest, RateLimitWithLongRetryAfterIsReportedWithTheWait) {
    ReplayServer server({Reply::error(
        429,
        R"({"error":{"message":"Rate limit reached for requests","code":"rate_limit_exceeded"}})",
        {{"retry-after", "60"}})});
    auto c = client(server);
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_RATE_LIMITED);
    EXPECT_NE(out.message.find("Rate limit reached for requests"), std::string::npos);
    EXPECT_NE(out.message.find("try again in 60 s"), std::string::npos) << out.message;
    EXPECT_EQ(server.requests().size(), 1u);
    EXPECT_LT(out.elapsed.count(), 5000);
}

TEST_F(ClientTest, UsedUpQuotaIsNeverRetried) {
    ReplayServer server({Reply::error(
        429,
        R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}})",
        {{"retry-after", "1"}})});
    auto c = client(server);
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_RATE_LIMITED);
    EXPECT_NE(out.message.find("insufficient_quota"), std::string::npos) << out.message;
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(ClientTest, RateLimitRetriesStopAtTheTotalBudget) {
    ReplayServer server(
        {Reply::error(429, R"({"error":{"message":"slow down"}})", {{"retry-after-ms", "100"}})});
    auto c = client(server, R"({"max_retry_total_ms":250,"max_attempts":10})");
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_RATE_LIMITED);
    EXPECT_EQ(server.requests().size(), 3u);  // 2 waits of 100 ms fit in 250, a third does not
}

TEST_F(ClientTest, ServerErrorThenSuccessIsRetried) {
    ReplayServer server({Reply::error(500, R"({"error":{"message":"internal"}})"),
                         Reply::sse(testing::load_transcript("text.sse"))});
    auto c = client(server, R"({"retry_base_ms":20})");
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_OK) << out.message;
    EXPECT_EQ(server.requests().size(), 2u);
    EXPECT_EQ(sink.joined(KLAUDE_EVENT_TEXT_DELTA), "Hello! How can I help you today?");
}

TEST_F(ClientTest, PersistentServerErrorGivesUpAfterMaxAttempts) {
    ReplayServer server({Reply::error(503, R"({"error":{"message":"overloaded"}})")});
    auto c = client(server, R"({"retry_base_ms":10,"max_attempts":3})");
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_SERVER);
    EXPECT_NE(out.message.find("HTTP 503"), std::string::npos);
    EXPECT_NE(out.message.find("overloaded"), std::string::npos);
    EXPECT_EQ(server.requests().size(), 3u);
}

TEST_F(ClientTest, BadRequestShowsTheServerMessage) {
    ReplayServer server({Reply::error(
        400,
        R"({"error":{"message":"Invalid value: 'gpt-9'. Supported values are:\n 'gpt-5.1'.","type":"invalid_request_error","param":"model","code":"invalid_value"}})")});
    auto c = client(server);
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_SERVER);
    EXPECT_EQ(out.message,
              "request rejected (HTTP 400): Invalid value: 'gpt-9'. Supported values are: "
              "'gpt-5.1'.");
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(ClientTest, CutStreamAfterOutputIsAnErrorAndNotRetried) {
    const std::string text = testing::load_transcript("text.sse");
    Reply cut = Reply::sse(text, 64);
    cut.cut_after = text.find("event: response.output_text.delta", text.find("help"));
    ReplayServer server({cut, Reply::sse(text)});
    auto c = client(server, R"({"retry_base_ms":10})");
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_NETWORK);
    EXPECT_EQ(out.message,
              "the connection to 127.0.0.1 closed before the end of the response (a cut stream)");
    EXPECT_EQ(sink.joined(KLAUDE_EVENT_TEXT_DELTA), "Hello! How can I help");
    EXPECT_EQ(server.requests().size(), 1u);
    EXPECT_EQ(sink.types().back(), KLAUDE_EVENT_ERROR);
}

TEST_F(ClientTest, CutStreamBeforeAnyEventIsRetried) {
    const std::string text = testing::load_transcript("text.sse");
    Reply cut = Reply::sse(text);
    cut.cut_after = 10;  // inside the first event
    ReplayServer server({cut, Reply::sse(text)});
    auto c = client(server, R"({"retry_base_ms":10})");
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_OK) << out.message;
    EXPECT_EQ(server.requests().size(), 2u);
    EXPECT_EQ(sink.of(KLAUDE_EVENT_CREATED).size(), 1u);
}

TEST_F(ClientTest, SlowServerHitsTheIdleTimeout) {
    const std::string text = testing::load_transcript("text.sse");
    Reply slow = Reply::sse(text);
    slow.cut_after = text.find("event: response.in_progress");
    slow.stall = milliseconds(10000);
    ReplayServer server({slow});
    auto c = client(server, R"({"idle_timeout_ms":300})");
    RecordingSink sink;
    Outcome out = run(*c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_TIMEOUT);
    EXPECT_NE(out.message.find("idle_timeout_ms"), std::string::npos) << out.message;
    EXPECT_GE(out.elapsed.count(), 250);
    EXPECT_LT(out.elapsed.count(), 5000);
    EXPECT_EQ(server.requests().size(), 1u);  // output (created) had reached the sink
}

TEST_F(ClientTest, CancelAbortsABlockedReadQuickly) {
    const std::string text = testing::load_transcript("text.sse");
    Reply slow = Reply::sse(text);
    slow.cut_after = text.find("event: response.in_progress");
    slow.stall = milliseconds(10000);
    ReplayServer server({slow});
    auto c = client(server);
    RecordingSink sink;
    std::atomic<int64_t> cancelled_at{0};
    std::thread canceller([&] {
        std::this_thread::sleep_for(milliseconds(300));
        cancelled_at = Clock::now().time_since_epoch().count();
        c->cancel();
    });
    Outcome out = run(*c, sink);
    auto returned_at = Clock::now().time_since_epoch().count();
    canceller.join();
    EXPECT_EQ(out.status, KLAUDE_ERROR_CANCELLED);
    const auto latency = std::chrono::duration_cast<milliseconds>(
        Clock::duration(returned_at - cancelled_at.load()));
    EXPECT_LT(latency.count(), 1000);  // the target is 100 ms; the bound is generous
    EXPECT_EQ(sink.types().back(), KLAUDE_EVENT_ERROR);
}

std::atomic<bool> g_host_cancelled{false};

TEST_F(ClientTest, HostCancelFlagAbortsTheStream) {
    const std::string text = testing::load_transcript("text.sse");
    Reply slow = Reply::sse(text);
    slow.cut_after = text.find("event: response.in_progress");
    slow.stall = milliseconds(10000);
    ReplayServer server({slow});
    klaude_host_t host{};
    host.struct_size = sizeof host;
    host.is_cancelled = [](const klaude_host_t*) -> int32_t { return g_host_cancelled ? 1 : 0; };
    g_host_cancelled = false;
    ResponsesClient c(ResponsesConfig::from_json(config_json(server.base_url())), sdk::Host(&host));
    std::thread ctrl_c([] {
        std::this_thread::sleep_for(milliseconds(300));
        g_host_cancelled = true;
    });
    RecordingSink sink;
    Outcome out = run(c, sink);
    ctrl_c.join();
    EXPECT_EQ(out.status, KLAUDE_ERROR_CANCELLED);
    EXPECT_LT(out.elapsed.count(), 5000);
}

TEST_F(ClientTest, ConnectionRefusedIsANetworkErrorAfterRetries) {
    uint16_t port;
    {
        ReplayServer gone({Reply::sse("")});
        port = gone.port();
    }  // nothing listens there any more
    ResponsesClient c(
        ResponsesConfig::from_json(config_json("http://127.0.0.1:" + std::to_string(port),
                                               R"({"retry_base_ms":10,"max_attempts":2})")),
        sdk::Host(nullptr));
    RecordingSink sink;
    Outcome out = run(c, sink);
    EXPECT_EQ(out.status, KLAUDE_ERROR_NETWORK);
    EXPECT_NE(out.message.find("127.0.0.1"), std::string::npos) << out.message;
}

TEST_F(ClientTest, RateLimitHeadersBecomeAnEvent) {
    Reply reply = Reply::sse(testing::load_transcript("text.sse"));
    reply.headers.emplace_back("x-ratelimit-remaining-requests", "499");
    reply.headers.emplace_back("x-codex-primary-used-percent", "42.5");
    reply.headers.emplace_back("x-codex-primary-reset-at", "1763474589");
    ReplayServer server({reply});
    auto c = client(server);
    RecordingSink sink;
    ASSERT_EQ(run(*c, sink).status, KLAUDE_OK);
    auto limits = sink.of(KLAUDE_EVENT_RATE_LIMIT);
    ASSERT_EQ(limits.size(), 1u);
    rapidjson::Document doc;
    doc.Parse(limits[0].c_str());
    EXPECT_STREQ(doc["headers"]["x-ratelimit-remaining-requests"].GetString(), "499");
    EXPECT_DOUBLE_EQ(doc["primary_used_percent"].GetDouble(), 42.5);
    EXPECT_EQ(doc["resets_at"].GetInt64(), 1763474589);
    EXPECT_EQ(sink.types().front(), KLAUDE_EVENT_RATE_LIMIT);
}

TEST_F(ClientTest, PlainHttpProxyGetsTheAbsoluteUri) {
    ReplayServer proxy({Reply::sse(testing::load_transcript("text.sse"))});
    setenv("http_proxy", ("http://user:pa%40ss@127.0.0.1:" + std::to_string(proxy.port())).c_str(),
           1);
    ResponsesClient c(ResponsesConfig::from_json(config_json("http://api.example.test/v1")),
                      sdk::Host(nullptr));
    RecordingSink sink;
    Outcome out = run(c, sink);
    unsetenv("http_proxy");
    EXPECT_EQ(out.status, KLAUDE_OK) << out.message;
    ASSERT_EQ(proxy.requests().size(), 1u);
    EXPECT_EQ(proxy.requests()[0].uri, "http://api.example.test/v1/responses");
    EXPECT_EQ(proxy.requests()[0].header("Proxy-Authorization"), "Basic dXNlcjpwYUBzcw==");
}

TEST_F(ClientTest, ThroughTheCAbiErrorsBecomeStatusAndMessage) {
    ReplayServer server({Reply::error(403, R"({"error":{"message":"Project not allowed"}})")});
    klaude_client_t* raw = sdk::LlmClient::release_to_c(client(server));
    RecordingSink sink;
    char err[256] = {0};
    klaude_status_t status =
        raw->stream(raw, kRequest.data(), kRequest.size(), sink.raw(), err, sizeof err);
    EXPECT_EQ(status, KLAUDE_ERROR_AUTH);
    EXPECT_NE(std::string(err).find("access denied (HTTP 403): Project not allowed"),
              std::string::npos)
        << err;
    raw->destroy(raw);
}

TEST_F(ClientTest, InvalidRequestFailsBeforeTheNetwork) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"))});
    auto c = client(server);
    RecordingSink sink;
    Outcome out = run(*c, sink, R"({"model":"m"})");
    EXPECT_EQ(out.status, KLAUDE_ERROR_INVALID_ARGUMENT);
    EXPECT_TRUE(server.requests().empty());
}

}  // namespace
}  // namespace klaude::responses
