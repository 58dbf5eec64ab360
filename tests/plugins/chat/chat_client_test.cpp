// ChatClient over real loopback sockets (the Responses tests' ReplayServer): recorded streams
// replayed in several chunk sizes, the request on the wire, HTTP errors in one line and their
// retries, cut streams, cancellation (client and host), the models list, kept-alive
// connections.
#include "plugins/chat/chat_client.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>

#include <atomic>

#include "klaude/support/sse_parser.h"
#include "plugins/chat/stream_mapper.h"
#include "tests/plugins/chat/chat_fixtures.h"
#include "tests/plugins/responses/recording_sink.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/plugins/responses/test_pki.h"

namespace klaude::chat {
namespace {

using responses::testing::RecordingSink;
using responses::testing::ReplayServer;
using responses::testing::Reply;
using responses::testing::TestPki;
using testing::fixture_stream;

constexpr const char* kKeyEnv = "KLAUDE_CHAT_TEST_KEY";
const std::string kRequest =
    R"({"model":"llama3.2","instructions":"Be brief.","input":[{"type":"message","role":"user","content":[{"type":"text","text":"hi"}]}]})";

struct Outcome {
    klaude_status_t status = KLAUDE_OK;
    std::string message;
};

Outcome run(ChatClient& client, const sdk::EventSink& sink, const std::string& request = kRequest) {
    Outcome out;
    try {
        client.stream(request, sink);
    } catch (const sdk::Error& e) {
        out.status = e.status();
        out.message = e.what();
    }
    return out;
}

std::vector<std::pair<klaude_event_type_t, std::string>> in_process(const std::string& stream) {
    RecordingSink sink;
    StreamMapper mapper(sink.sink());
    support::SseParser parser;
    parser.feed(stream, mapper);
    parser.finish(mapper);
    mapper.finish();
    return sink.events();
}

class ChatClientTest : public ::testing::Test {
  protected:
    void SetUp() override { setenv(kKeyEnv, "sk-chat-test-1", 1); }
    void TearDown() override { unsetenv(kKeyEnv); }

    static std::unique_ptr<ChatClient> client(const ReplayServer& server,
                                              const std::string& options = R"({"retry_base_ms":1})",
                                              const std::string& key_env = kKeyEnv,
                                              const klaude_host_t* host = nullptr) {
        return std::make_unique<ChatClient>(
            ChatConfig::from_json(R"({"id":"local","protocol":"chat","base_url":")" +
                                  server.base_url() + R"(/v1","api_key_env":")" + key_env +
                                  R"(","options":)" + options + "}"),
            sdk::Host(host));
    }
};

TEST_F(ChatClientTest, RecordedStreamsOverTheWireInSeveralChunkSizes) {
    for (const char* name :
         {"anthropic-fallback-tool-call.sse", "deepseek-tool-call.chunks.txt",
          "xai-tool-call.chunks.txt", "deepseek-text.chunks.txt", "openai-text.chunks.txt"}) {
        const std::string stream = fixture_stream(name);
        const auto expected = in_process(stream);
        for (size_t chunk : {0u, 1u, 17u, 4096u}) {
            ReplayServer server({Reply::sse(stream, chunk)});
            RecordingSink sink;
            const Outcome out = run(*client(server), sink.sink());
            EXPECT_EQ(out.status, KLAUDE_OK) << name << "/" << chunk << ": " << out.message;
            EXPECT_EQ(sink.events(), expected) << name << " in chunks of " << chunk;
            EXPECT_GE(sink.flushes(), 1) << name;
        }
    }
}

TEST_F(ChatClientTest, TheRequestOnTheWire) {
    ReplayServer server({Reply::sse(fixture_stream("anthropic-fallback-tool-call.sse"))});
    RecordingSink sink;
    ASSERT_EQ(run(*client(server), sink.sink()).status, KLAUDE_OK);
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "POST");
    EXPECT_EQ(requests[0].uri, "/v1/chat/completions");
    EXPECT_EQ(requests[0].header("Authorization"), "Bearer sk-chat-test-1");
    EXPECT_EQ(requests[0].header("Accept"), "text/event-stream");
    EXPECT_EQ(requests[0].header("Content-Type"), "application/json");
    rapidjson::Document body;
    body.Parse(requests[0].body.c_str());
    rapidjson::Document expected;
    expected.Parse(
        R"({"model":"llama3.2","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}})");
    EXPECT_TRUE(body == expected) << requests[0].body;
}

TEST_F(ChatClientTest, NoKeyAtAllForALocalServerAndConfiguredHeadersWin) {
    ReplayServer server({Reply::sse(fixture_stream("anthropic-fallback-tool-call.sse"))});
    auto c = std::make_unique<ChatClient>(
        ChatConfig::from_json(R"({"id":"ollama","base_url":")" + server.base_url() +
                              R"(/v1","headers":{"X-Title":"klaude","Accept":"*/*"}})"),
        sdk::Host(nullptr));
    RecordingSink sink;
    ASSERT_EQ(run(*c, sink.sink()).status, KLAUDE_OK);
    const auto request = server.requests().at(0);
    EXPECT_EQ(request.header("Authorization"), "");
    EXPECT_EQ(request.header("X-Title"), "klaude");
    EXPECT_EQ(request.header("Accept"), "*/*");
}

TEST_F(ChatClientTest, AKeyVariableThatIsNotSetIsNotLoggedIn) {
    ReplayServer server({Reply::sse(fixture_stream("anthropic-fallback-tool-call.sse"))});
    RecordingSink sink;
    const Outcome out = run(*client(server, "{}", "KLAUDE_CHAT_TEST_UNSET_KEY"), sink.sink());
    EXPECT_EQ(out.status, KLAUDE_ERROR_NOT_LOGGED_IN);
    EXPECT_NE(out.message.find("KLAUDE_CHAT_TEST_UNSET_KEY"), std::string::npos);
    EXPECT_TRUE(server.requests().empty());
    EXPECT_EQ(sink.of(KLAUDE_EVENT_ERROR).size(), 1u);
}

struct HttpErrorCase {
    int status;
    std::string body;
    klaude_status_t expected;
    std::string message_part;
};

TEST_F(ChatClientTest, HttpErrorsAreOneLineWithTheServersMessage) {
    const std::vector<HttpErrorCase> cases = {
        {401,
         R"({"error":{"message":"Invalid API key.\nTry again","type":"invalid_request_error"}})",
         KLAUDE_ERROR_AUTH,
         "HTTP 401 from 'local': Invalid API key. Try again (check the key in "
         "KLAUDE_CHAT_TEST_KEY)"},
        {403, R"({"error":"forbidden"})", KLAUDE_ERROR_AUTH, "forbidden"},
        {400, R"({"error":{"message":"messages: bad role","code":"invalid"}})", KLAUDE_ERROR_SERVER,
         "HTTP 400 from 'local': messages: bad role"},
        {404,
         R"({"error":{"message":"model \"llama9\" not found, try pulling it first","type":"api_error"}})",
         KLAUDE_ERROR_MODEL_UNAVAILABLE, "model \"llama9\" not found"},
        {404,
         R"({"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","code":404})",
         KLAUDE_ERROR_MODEL_UNAVAILABLE, "The model `x` does not exist."},
        {400, R"({"error":{"message":"foo is not a valid model ID","code":400}})",
         KLAUDE_ERROR_MODEL_UNAVAILABLE, "not a valid model ID"},
        {404, "404 page not found", KLAUDE_ERROR_SERVER,
         "HTTP 404 from 'local': 404 page not found"},
        {429, R"({"error":{"message":"Rate limit reached"}})", KLAUDE_ERROR_RATE_LIMITED,
         "Rate limit reached"},
    };
    for (const HttpErrorCase& c : cases) {
        ReplayServer server({Reply::error(c.status, c.body)});
        RecordingSink sink;
        const Outcome out = run(*client(server), sink.sink());
        EXPECT_EQ(out.status, c.expected) << c.status << " " << c.body;
        EXPECT_NE(out.message.find(c.message_part), std::string::npos) << out.message;
        EXPECT_EQ(out.message.find('\n'), std::string::npos) << out.message;
        EXPECT_EQ(server.requests().size(), 1u) << "no retry for " << c.status;
        ASSERT_EQ(sink.of(KLAUDE_EVENT_ERROR).size(), 1u);
        rapidjson::Document event;
        event.Parse(sink.of(KLAUDE_EVENT_ERROR)[0].c_str());
        EXPECT_EQ(std::string(event["status"].GetString()), klaude_status_name(c.expected));
    }
}

TEST_F(ChatClientTest, ShortRetryAfterIsWaitedForBeforeTheFirstByte) {
    ReplayServer server(
        {Reply::error(429, R"({"error":{"message":"slow down"}})", {{"retry-after-ms", "5"}}),
         Reply::sse(fixture_stream("anthropic-fallback-tool-call.sse"))});
    RecordingSink sink;
    EXPECT_EQ(run(*client(server), sink.sink()).status, KLAUDE_OK);
    EXPECT_EQ(server.requests().size(), 2u);
    EXPECT_TRUE(sink.of(KLAUDE_EVENT_ERROR).empty());
}

TEST_F(ChatClientTest, LongRetryAfterIsReported) {
    ReplayServer server(
        {Reply::error(429, R"({"error":{"message":"quota"}})", {{"retry-after", "3600"}})});
    RecordingSink sink;
    EXPECT_EQ(run(*client(server), sink.sink()).status, KLAUDE_ERROR_RATE_LIMITED);
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(ChatClientTest, ServerErrorsAreRetriedWithBackoffThenReported) {
    {
        ReplayServer server({Reply::error(503, "{}"), Reply::error(502, "bad gateway"),
                             Reply::sse(fixture_stream("anthropic-fallback-tool-call.sse"))});
        RecordingSink sink;
        EXPECT_EQ(run(*client(server), sink.sink()).status, KLAUDE_OK);
        EXPECT_EQ(server.requests().size(), 3u);
    }
    {
        ReplayServer server({Reply::error(500, R"({"error":{"message":"boom"}})")});
        RecordingSink sink;
        const Outcome out =
            run(*client(server, R"({"retry_base_ms":1,"max_attempts":3})"), sink.sink());
        EXPECT_EQ(out.status, KLAUDE_ERROR_SERVER);
        EXPECT_EQ(out.message, "HTTP 500 from 'local': boom");
        EXPECT_EQ(server.requests().size(), 3u);
    }
}

TEST_F(ChatClientTest, AStreamCutAfterOutputIsANetworkErrorAndNotRetried) {
    const std::string stream = fixture_stream("openai-text.chunks.txt");
    Reply cut = Reply::sse(stream, 256);
    cut.cut_after = stream.size() / 2;
    ReplayServer server({cut});
    RecordingSink sink;
    const Outcome out = run(*client(server), sink.sink());
    EXPECT_EQ(out.status, KLAUDE_ERROR_NETWORK) << out.message;
    EXPECT_FALSE(sink.joined(KLAUDE_EVENT_TEXT_DELTA).empty());
    EXPECT_TRUE(sink.of(KLAUDE_EVENT_COMPLETED).empty());
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(ChatClientTest, AStreamWithoutItsEndIsAnError) {
    // The body ends normally but the answer did not: no finish_reason, no [DONE].
    std::string stream = fixture_stream("openai-text.chunks.txt", false);
    stream.resize(stream.find("\n\n", 2000) + 2);
    ReplayServer server({Reply::sse(stream)});
    RecordingSink sink;
    const Outcome out = run(*client(server, R"({"max_attempts":1})"), sink.sink());
    EXPECT_EQ(out.status, KLAUDE_ERROR_NETWORK);
    EXPECT_EQ(out.message, "stream closed before the answer finished");
}

TEST_F(ChatClientTest, CancelStopsAStalledStream) {
    const std::string stream = fixture_stream("openai-text.chunks.txt");
    Reply stall = Reply::sse(stream.substr(0, 3000));
    stall.stall = std::chrono::milliseconds(60000);
    ReplayServer server({stall});
    auto c = client(server);
    bool cancelled = false;
    sdk::FunctionSink sink([&](klaude_event_type_t type, std::string_view) {
        if (type == KLAUDE_EVENT_TEXT_DELTA && !cancelled) {
            cancelled = true;
            c->cancel();
        }
    });
    const Outcome out = run(*c, sink.sink());
    EXPECT_TRUE(cancelled);
    EXPECT_EQ(out.status, KLAUDE_ERROR_CANCELLED);
}

std::atomic<bool> g_host_cancelled{false};

TEST_F(ChatClientTest, TheHostsCancelFlagStopsAStalledStream) {
    klaude_host_t host{};
    host.struct_size = sizeof host;
    host.is_cancelled = [](const klaude_host_t*) -> int32_t { return g_host_cancelled ? 1 : 0; };
    g_host_cancelled = false;
    const std::string stream = fixture_stream("openai-text.chunks.txt");
    Reply stall = Reply::sse(stream.substr(0, 3000));
    stall.stall = std::chrono::milliseconds(60000);
    ReplayServer server({stall});
    auto c = client(server, "{}", kKeyEnv, &host);
    sdk::FunctionSink sink([&](klaude_event_type_t type, std::string_view) {
        if (type == KLAUDE_EVENT_TEXT_DELTA) {
            g_host_cancelled = true;
        }
    });
    const Outcome out = run(*c, sink.sink());
    g_host_cancelled = false;
    EXPECT_EQ(out.status, KLAUDE_ERROR_CANCELLED);
}

TEST_F(ChatClientTest, ListModelsReadsTheOpenAIList) {
    ReplayServer server({Reply::sse(fixture_stream("anthropic-fallback-tool-call.sse"))});
    server.set_models_list(
        200,
        R"({"object":"list","data":[{"id":"llama3.2:latest","object":"model","created":1,"owned_by":"library"},{"id":"qwen3:8b","object":"model"},{"object":"model"}]})");
    auto c = client(server);
    rapidjson::Document catalog;
    catalog.Parse(c->list_models(std::chrono::milliseconds(5000)).c_str());
    rapidjson::Document expected;
    expected.Parse(R"({"models":[{"id":"llama3.2:latest"},{"id":"qwen3:8b"}]})");
    EXPECT_TRUE(catalog == expected);
    EXPECT_EQ(server.models_list_requests(), 1);
    // The model call after it goes over the same connection.
    RecordingSink sink;
    EXPECT_EQ(run(*c, sink.sink()).status, KLAUDE_OK);
    EXPECT_EQ(server.connections(), 1);
}

TEST_F(ChatClientTest, WithoutBaseUrlTheCallsSayWhatToSet) {
    ChatClient c(ChatConfig::from_json(R"({"id":"chat","protocol":"chat"})"), sdk::Host(nullptr));
    RecordingSink sink;
    const Outcome out = run(c, sink.sink());
    EXPECT_EQ(out.status, KLAUDE_ERROR_INVALID_ARGUMENT);
    EXPECT_NE(out.message.find("has no base_url"), std::string::npos) << out.message;
    try {
        c.list_models(std::chrono::milliseconds(1000));
        ADD_FAILURE() << "list_models without base_url";
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_UNSUPPORTED);  // the host falls back quietly
    }
}

TEST_F(ChatClientTest, ListModelsErrors) {
    auto status_for = [&](int http, const std::string& body) -> klaude_status_t {
        ReplayServer server({Reply::sse("")});
        server.set_models_list(http, body);
        try {
            client(server)->list_models(std::chrono::milliseconds(5000));
        } catch (const sdk::Error& e) {
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
            return e.status();
        }
        return KLAUDE_OK;
    };
    EXPECT_EQ(status_for(404, "not found"), KLAUDE_ERROR_UNSUPPORTED);
    EXPECT_EQ(status_for(405, ""), KLAUDE_ERROR_UNSUPPORTED);
    EXPECT_EQ(status_for(501, ""), KLAUDE_ERROR_UNSUPPORTED);
    EXPECT_EQ(status_for(401, R"({"error":{"message":"no"}})"), KLAUDE_ERROR_AUTH);
    EXPECT_EQ(status_for(200, R"({"models":[]})"), KLAUDE_ERROR_PROTOCOL);
}

// HTTPS with the configured CA, and the models list and the model call on one TLS connection;
// the system store does not know the test CA, so without ca_file the server is refused,
// without retries.
TEST_F(ChatClientTest, HttpsWithTheConfiguredCaOnOneConnection) {
    const TestPki pki = TestPki::create();
    {
        Poco::Net::Context::Params params;
        params.privateKeyFile = pki.localhost_key;
        params.certificateFile = pki.localhost_cert;
        params.verificationMode = Poco::Net::Context::VERIFY_NONE;
        ReplayServer server({Reply::sse(fixture_stream("anthropic-fallback-tool-call.sse"))},
                            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params));
        auto trusted = client(server, R"({"ca_file":")" + pki.ca + R"("})");
        EXPECT_NE(trusted->list_models(std::chrono::milliseconds(5000)).find("gpt-5.1"),
                  std::string::npos);
        RecordingSink sink;
        EXPECT_EQ(run(*trusted, sink.sink()).status, KLAUDE_OK);
        EXPECT_EQ(server.connections(), 1);

        RecordingSink refused_sink;
        const Outcome refused = run(*client(server), refused_sink.sink());
        EXPECT_EQ(refused.status, KLAUDE_ERROR_NETWORK) << refused.message;
        EXPECT_EQ(server.requests().size(), 1u);
    }
    pki.remove();
}

}  // namespace
}  // namespace klaude::chat
