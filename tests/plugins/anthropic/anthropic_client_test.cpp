// AnthropicClient over real loopback sockets (the Responses tests' ReplayServer): recorded
// streams replayed in several chunk sizes, the request on the wire, HTTP errors in one line
// and their retries (429, 529), in-stream errors, cut streams, cancellation, and the paged
// models list.
#include "plugins/anthropic/anthropic_client.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>

#include <mutex>

#include <Poco/URI.h>

#include "klaude/support/sse_parser.h"
#include "plugins/anthropic/stream_mapper.h"
#include "tests/plugins/anthropic/anthropic_fixtures.h"
#include "tests/plugins/responses/recording_sink.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/support/loopback_server.h"

namespace klaude::anthropic {
namespace {

using responses::testing::RecordingSink;
using responses::testing::ReplayServer;
using responses::testing::Reply;
using testing::fixture_stream;
using testing::sse_event;

constexpr const char* kKeyEnv = "KLAUDE_ANTHROPIC_TEST_KEY";
const std::string kRequest =
    R"({"model":"claude-sonnet-4-5","instructions":"Be brief.","input":[{"type":"message","role":"user","content":[{"type":"text","text":"hi"}]}]})";

struct Outcome {
    klaude_status_t status = KLAUDE_OK;
    std::string message;
};

Outcome run(AnthropicClient& client, const sdk::EventSink& sink,
            const std::string& request = kRequest) {
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

std::string overloaded_event() {
    return sse_event(
        R"({"type":"error","error":{"details":null,"type":"overloaded_error","message":"Overloaded"}})");
}

class AnthropicClientTest : public ::testing::Test {
  protected:
    void SetUp() override { setenv(kKeyEnv, "sk-ant-test-1", 1); }
    void TearDown() override { unsetenv(kKeyEnv); }

    static std::unique_ptr<AnthropicClient> client(
        const std::string& base_url, const std::string& options = R"({"retry_base_ms":1})",
        const std::string& extra = "", const klaude_host_t* host = nullptr) {
        return std::make_unique<AnthropicClient>(
            AnthropicConfig::from_json(R"({"id":"anthropic","protocol":"anthropic","base_url":")" +
                                       base_url + R"(","api_key_env":")" + kKeyEnv +
                                       R"(","options":)" + options + extra + "}"),
            sdk::Host(host));
    }
    static std::unique_ptr<AnthropicClient> client(
        const ReplayServer& server, const std::string& options = R"({"retry_base_ms":1})") {
        return client(server.base_url(), options);
    }
};

TEST_F(AnthropicClientTest, RecordedStreamsOverTheWireInSeveralChunkSizes) {
    for (const char* name : {"anthropic-text.chunks.txt", "anthropic-clear-thinking.1.chunks.txt",
                             "anthropic-tool-no-args.chunks.txt"}) {
        const std::string stream = fixture_stream(name);
        const auto expected = in_process(stream);
        for (size_t chunk : {0u, 1u, 7u}) {
            ReplayServer server({Reply::sse(stream, chunk)});
            RecordingSink sink;
            const Outcome out = run(*client(server), sink.sink());
            EXPECT_EQ(out.status, KLAUDE_OK) << name << "/" << chunk << ": " << out.message;
            EXPECT_EQ(sink.events(), expected) << name << " in chunks of " << chunk;
            // At least one FLUSH; how many depends on how TCP groups the server's writes into
            // reads (one per read), which a loaded machine changes: not asserted.
            EXPECT_GE(sink.flushes(), 1) << name;
        }
    }
}

TEST_F(AnthropicClientTest, TheRequestOnTheWire) {
    ReplayServer server({Reply::sse(fixture_stream("anthropic-text.chunks.txt"))});
    RecordingSink sink;
    ASSERT_EQ(run(*client(server), sink.sink()).status, KLAUDE_OK);
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "POST");
    EXPECT_EQ(requests[0].uri, "/v1/messages");
    EXPECT_EQ(requests[0].header("x-api-key"), "sk-ant-test-1");
    EXPECT_EQ(requests[0].header("anthropic-version"), "2023-06-01");
    EXPECT_EQ(requests[0].header("Accept"), "text/event-stream");
    EXPECT_EQ(requests[0].header("Content-Type"), "application/json");
    EXPECT_EQ(requests[0].header("Authorization"), "");
    rapidjson::Document body;
    body.Parse(requests[0].body.c_str());
    rapidjson::Document expected;
    expected.Parse(
        R"({"model":"claude-sonnet-4-5","max_tokens":64000,
            "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
            "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}],
            "stream":true})");
    EXPECT_TRUE(body == expected) << requests[0].body;
}

TEST_F(AnthropicClientTest, ConfiguredHeadersAndVersionWin) {
    ReplayServer server({Reply::sse(fixture_stream("anthropic-text.chunks.txt"))});
    auto c =
        client(server.base_url(), R"({"anthropic_version":"2099-01-01"})",
               R"(,"headers":{"anthropic-beta":"interleaved-thinking-2025-05-14","Accept":"*/*"})");
    RecordingSink sink;
    ASSERT_EQ(run(*c, sink.sink()).status, KLAUDE_OK);
    const auto request = server.requests().at(0);
    EXPECT_EQ(request.header("anthropic-version"), "2099-01-01");
    EXPECT_EQ(request.header("anthropic-beta"), "interleaved-thinking-2025-05-14");
    EXPECT_EQ(request.header("Accept"), "*/*");
}

TEST_F(AnthropicClientTest, AMissingKeySaysWhichVariableToSet) {
    ReplayServer server({Reply::sse(fixture_stream("anthropic-text.chunks.txt"))});
    unsetenv(kKeyEnv);
    RecordingSink sink;
    const Outcome out = run(*client(server), sink.sink());
    EXPECT_EQ(out.status, KLAUDE_ERROR_NOT_LOGGED_IN);
    EXPECT_EQ(out.message,
              "KLAUDE_ANTHROPIC_TEST_KEY is not set; export your Anthropic API key in it "
              "(provider 'anthropic')");
    EXPECT_TRUE(server.requests().empty());
    EXPECT_EQ(sink.of(KLAUDE_EVENT_ERROR).size(), 1u);
}

struct HttpErrorCase {
    int status;
    std::string body;
    klaude_status_t expected;
    std::string message;
};

TEST_F(AnthropicClientTest, HttpErrorsAreOneLineWithTheServersMessage) {
    const std::vector<HttpErrorCase> cases = {
        {401,
         R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"})",
         KLAUDE_ERROR_AUTH,
         "HTTP 401 from 'anthropic': invalid x-api-key (check the key in "
         "KLAUDE_ANTHROPIC_TEST_KEY)"},
        {403,
         R"({"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}})",
         KLAUDE_ERROR_AUTH,
         "HTTP 403 from 'anthropic': Your API key does not have permission to use the specified "
         "resource. (check the key in KLAUDE_ANTHROPIC_TEST_KEY)"},
        {400,
         R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: 100000 > 64000,\nwhich is the maximum"}})",
         KLAUDE_ERROR_SERVER,
         "HTTP 400 from 'anthropic': max_tokens: 100000 > 64000, which is the maximum"},
        {404,
         R"({"type":"error","error":{"type":"not_found_error","message":"model: claude-sonnet-9"}})",
         KLAUDE_ERROR_MODEL_UNAVAILABLE, "HTTP 404 from 'anthropic': model: claude-sonnet-9"},
        {404, R"({"type":"error","error":{"type":"not_found_error","message":"Not Found"}})",
         KLAUDE_ERROR_SERVER, "HTTP 404 from 'anthropic': Not Found"},
        {429,
         R"({"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your organization's rate limit."}})",
         KLAUDE_ERROR_RATE_LIMITED,
         "HTTP 429 from 'anthropic': This request would exceed your organization's rate limit."},
    };
    for (const HttpErrorCase& c : cases) {
        ReplayServer server({Reply::error(c.status, c.body)});
        RecordingSink sink;
        const Outcome out = run(*client(server), sink.sink());
        EXPECT_EQ(out.status, c.expected) << c.status << " " << c.body;
        EXPECT_EQ(out.message, c.message);
        EXPECT_EQ(out.message.find("sk-ant"), std::string::npos);
        EXPECT_EQ(server.requests().size(), 1u) << "no retry for " << c.status;
        ASSERT_EQ(sink.of(KLAUDE_EVENT_ERROR).size(), 1u);
        rapidjson::Document event;
        event.Parse(sink.of(KLAUDE_EVENT_ERROR)[0].c_str());
        EXPECT_EQ(std::string(event["status"].GetString()), klaude_status_name(c.expected));
    }
}

TEST_F(AnthropicClientTest, OverloadedIsRetriedWithBackoff) {
    const std::string overloaded =
        R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})";
    {
        ReplayServer server({Reply::error(529, overloaded), Reply::error(529, overloaded),
                             Reply::sse(fixture_stream("anthropic-text.chunks.txt"))});
        RecordingSink sink;
        EXPECT_EQ(run(*client(server), sink.sink()).status, KLAUDE_OK);
        EXPECT_EQ(server.requests().size(), 3u);
        EXPECT_TRUE(sink.of(KLAUDE_EVENT_ERROR).empty());
    }
    {
        ReplayServer server({Reply::error(529, overloaded)});
        RecordingSink sink;
        const Outcome out =
            run(*client(server, R"({"retry_base_ms":1,"max_attempts":2})"), sink.sink());
        EXPECT_EQ(out.status, KLAUDE_ERROR_SERVER);
        EXPECT_EQ(out.message, "HTTP 529 from 'anthropic': Overloaded");
        EXPECT_EQ(server.requests().size(), 2u);
        rapidjson::Document event;
        event.Parse(sink.of(KLAUDE_EVENT_ERROR).at(0).c_str());
        EXPECT_EQ(std::string(event["code"].GetString()), "overloaded_error");
    }
}

TEST_F(AnthropicClientTest, RetryAfterIsWaitedForOn429And529) {
    for (int status : {429, 529}) {
        ReplayServer server(
            {Reply::error(status, R"({"type":"error","error":{"type":"x","message":"wait"}})",
                          {{"retry-after", "1"}}),
             Reply::sse(fixture_stream("anthropic-text.chunks.txt"))});
        RecordingSink sink;
        const auto start = std::chrono::steady_clock::now();
        // retry_base is long: a retry within it can only be the server's one second.
        EXPECT_EQ(run(*client(server, R"({"retry_base_ms":30000})"), sink.sink()).status, KLAUDE_OK)
            << status;
        const auto waited = std::chrono::steady_clock::now() - start;
        EXPECT_GE(waited, std::chrono::milliseconds(900)) << status;
        EXPECT_LT(waited, std::chrono::milliseconds(10000)) << status;
        EXPECT_EQ(server.requests().size(), 2u);
    }
}

TEST_F(AnthropicClientTest, ALongRetryAfterOrNoneOnA429IsReported) {
    for (const auto& headers : std::vector<std::vector<std::pair<std::string, std::string>>>{
             {{"retry-after", "3600"}}, {}}) {
        ReplayServer server({Reply::error(
            429, R"({"type":"error","error":{"type":"rate_limit_error","message":"slow"}})",
            headers)});
        RecordingSink sink;
        EXPECT_EQ(run(*client(server), sink.sink()).status, KLAUDE_ERROR_RATE_LIMITED);
        EXPECT_EQ(server.requests().size(), 1u);
    }
}

TEST_F(AnthropicClientTest, AnInStreamOverloadedErrorBeforeOutputIsRetried) {
    const std::string failed =
        sse_event(
            R"({"type":"message_start","message":{"id":"msg_x","model":"claude-sonnet-4-5","usage":{"input_tokens":1}}})") +
        overloaded_event();
    {
        ReplayServer server(
            {Reply::sse(failed), Reply::sse(fixture_stream("anthropic-text.chunks.txt"))});
        RecordingSink sink;
        EXPECT_EQ(run(*client(server), sink.sink()).status, KLAUDE_OK);
        EXPECT_EQ(server.requests().size(), 2u);
        EXPECT_EQ(sink.of(KLAUDE_EVENT_CREATED).size(), 1u);
        EXPECT_TRUE(sink.of(KLAUDE_EVENT_ERROR).empty());
    }
    {
        ReplayServer server({Reply::sse(failed)});
        RecordingSink sink;
        const Outcome out =
            run(*client(server, R"({"retry_base_ms":1,"max_attempts":1})"), sink.sink());
        EXPECT_EQ(out.status, KLAUDE_ERROR_SERVER);
        EXPECT_EQ(out.message, "server error (overloaded_error): Overloaded");
        EXPECT_EQ(
            sink.of(KLAUDE_EVENT_ERROR).at(0),
            R"({"status":"server","code":"overloaded_error","message":"server error (overloaded_error): Overloaded"})");
    }
}

TEST_F(AnthropicClientTest, AnInStreamErrorAfterOutputIsNotRetried) {
    std::string stream = fixture_stream("anthropic-text.chunks.txt");
    stream = stream.substr(0, stream.find("event: content_block_stop")) + overloaded_event();
    ReplayServer server({Reply::sse(stream)});
    RecordingSink sink;
    const Outcome out = run(*client(server), sink.sink());
    EXPECT_EQ(out.status, KLAUDE_ERROR_SERVER);
    EXPECT_FALSE(sink.joined(KLAUDE_EVENT_TEXT_DELTA).empty());
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(AnthropicClientTest, AStreamCutAfterOutputIsANetworkErrorAndNotRetried) {
    const std::string stream = fixture_stream("anthropic-clear-tool-uses.1.chunks.txt");
    Reply cut = Reply::sse(stream, 256);
    cut.cut_after = stream.size() / 2;
    ReplayServer server({cut});
    RecordingSink sink;
    const Outcome out = run(*client(server), sink.sink());
    EXPECT_EQ(out.status, KLAUDE_ERROR_NETWORK) << out.message;
    EXPECT_EQ(out.message.find('\n'), std::string::npos);
    EXPECT_FALSE(sink.joined(KLAUDE_EVENT_TEXT_DELTA).empty());
    EXPECT_TRUE(sink.of(KLAUDE_EVENT_COMPLETED).empty());
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(AnthropicClientTest, AStreamWithoutMessageStopIsAnError) {
    std::string stream = fixture_stream("anthropic-text.chunks.txt");
    stream.resize(stream.find("event: message_stop"));
    ReplayServer server({Reply::sse(stream)});
    RecordingSink sink;
    const Outcome out = run(*client(server), sink.sink());
    EXPECT_EQ(out.status, KLAUDE_ERROR_NETWORK);
    EXPECT_EQ(out.message, "stream closed before the answer finished");
    EXPECT_TRUE(sink.of(KLAUDE_EVENT_COMPLETED).empty());
    EXPECT_EQ(server.requests().size(), 1u);  // output had reached the sink: no retry
}

TEST_F(AnthropicClientTest, CancelStopsAStalledStream) {
    const std::string stream = fixture_stream("anthropic-clear-tool-uses.1.chunks.txt");
    Reply stall = Reply::sse(stream.substr(0, stream.find("event: content_block_stop")));
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
    const auto start = std::chrono::steady_clock::now();
    const Outcome out = run(*c, sink.sink());
    EXPECT_TRUE(cancelled);
    EXPECT_EQ(out.status, KLAUDE_ERROR_CANCELLED);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

// GET /v1/models in pages of two: the answer to after_id=X is the models after X.
class ModelsServer {
  public:
    explicit ModelsServer(std::vector<std::string> ids, int status = 200)
        : ids_(std::move(ids)),
          status_(status),
          server_([this](Poco::Net::HTTPServerRequest& request,
                         Poco::Net::HTTPServerResponse& response) { handle(request, response); }) {}

    std::string base_url() const { return server_.base_url(); }
    std::vector<std::string> uris() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return uris_;
    }
    std::vector<std::string> keys() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return keys_;
    }

  private:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            uris_.push_back(request.getURI());
            keys_.push_back(request.get("x-api-key", "") + " " +
                            request.get("anthropic-version", ""));
        }
        std::string after;
        for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) {
            if (name == "after_id") {
                after = value;
            }
        }
        size_t first = 0;
        while (!after.empty() && first < ids_.size() && ids_[first++] != after) {
        }
        std::string data;
        const size_t end = std::min(first + 2, ids_.size());
        for (size_t i = first; i < end; ++i) {
            data += std::string(data.empty() ? "" : ",") + R"({"type":"model","id":")" + ids_[i] +
                    R"(","display_name":"Model )" + std::to_string(i) +
                    R"(","created_at":"2025-09-29T00:00:00Z"})";
        }
        const std::string body =
            status_ != 200
                ? R"({"type":"error","error":{"type":"not_found_error","message":"Not found"}})"
                : R"({"data":[)" + data + R"(],"has_more":)" +
                      (end < ids_.size() ? "true" : "false") + R"(,"first_id":")" +
                      (first < end ? ids_[first] : "") + R"(","last_id":")" +
                      (first < end ? ids_[end - 1] : "") + R"("})";
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status_));
        response.setContentType("application/json");
        response.setContentLength(static_cast<std::streamsize>(body.size()));
        response.send() << body;
    }

    std::vector<std::string> ids_;
    int status_;
    mutable std::mutex mutex_;
    std::vector<std::string> uris_;
    std::vector<std::string> keys_;
    klaude::testing::LoopbackServer server_;
};

TEST_F(AnthropicClientTest, ListModelsFollowsThePagesAndAddsTheFamilyMetadata) {
    ModelsServer server({"claude-opus-4-5-20251101", "claude-sonnet-4-5-20250929",
                         "claude-3-5-haiku-20241022", "claude-sonnet-7-20300101", "other-model"});
    rapidjson::Document catalog;
    catalog.Parse(client(server.base_url())->list_models(std::chrono::milliseconds(5000)).c_str());
    rapidjson::Document expected;
    expected.Parse(R"({"models":[
        {"id":"claude-opus-4-5-20251101","display_name":"Model 0","context_window":200000,"max_output_tokens":64000,
         "capabilities":["tools","images","reasoning"],"input_modalities":["text","image"],
         "reasoning_efforts":["none","minimal","low","medium","high","xhigh"]},
        {"id":"claude-sonnet-4-5-20250929","display_name":"Model 1","context_window":200000,"max_output_tokens":64000,
         "capabilities":["tools","images","reasoning"],"input_modalities":["text","image"],
         "reasoning_efforts":["none","minimal","low","medium","high","xhigh"]},
        {"id":"claude-3-5-haiku-20241022","display_name":"Model 2","context_window":200000,"max_output_tokens":8192,
         "capabilities":["tools","images"],"input_modalities":["text","image"]},
        {"id":"claude-sonnet-7-20300101","display_name":"Model 3","context_window":200000,"max_output_tokens":64000,
         "capabilities":["tools","images","reasoning"],"input_modalities":["text","image"],
         "reasoning_efforts":["none","minimal","low","medium","high","xhigh"]},
        {"id":"other-model","display_name":"Model 4"}]})");
    EXPECT_TRUE(catalog == expected);
    EXPECT_EQ(server.uris(), (std::vector<std::string>{
                                 "/v1/models?limit=1000",
                                 "/v1/models?limit=1000&after_id=claude-sonnet-4-5-20250929",
                                 "/v1/models?limit=1000&after_id=claude-sonnet-7-20300101"}));
    EXPECT_EQ(server.keys().at(0), "sk-ant-test-1 2023-06-01");
}

TEST_F(AnthropicClientTest, ListModelsErrors) {
    {
        ModelsServer server({"a"}, 404);
        try {
            client(server.base_url())->list_models(std::chrono::milliseconds(5000));
            ADD_FAILURE() << "404";
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_UNSUPPORTED);  // the host falls back quietly
        }
    }
    {
        ReplayServer server({Reply::sse("")});
        server.set_models_list(
            401,
            R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})");
        try {
            client(server)->list_models(std::chrono::milliseconds(5000));
            ADD_FAILURE() << "401";
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_AUTH);
            EXPECT_EQ(std::string(e.what()),
                      "models list: HTTP 401 from 'anthropic': invalid x-api-key (check the key "
                      "in KLAUDE_ANTHROPIC_TEST_KEY)");
        }
    }
    {
        ReplayServer server({Reply::sse("")});
        server.set_models_list(200, R"({"object":"list"})");
        try {
            client(server)->list_models(std::chrono::milliseconds(5000));
            ADD_FAILURE() << "not a list";
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_PROTOCOL);
        }
    }
    {
        ModelsServer server({"a"});
        unsetenv(kKeyEnv);
        try {
            client(server.base_url())->list_models(std::chrono::milliseconds(5000));
            ADD_FAILURE() << "no key";
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_NOT_LOGGED_IN);
        }
        EXPECT_TRUE(server.uris().empty());
    }
}

TEST_F(AnthropicClientTest, TheModelsListAndTheModelCallShareOneConnection) {
    ReplayServer server({Reply::sse(fixture_stream("anthropic-text.chunks.txt"))});
    server.set_models_list(
        200, R"({"data":[{"type":"model","id":"claude-sonnet-4-5"}],"has_more":false})");
    auto c = client(server);
    EXPECT_NE(c->list_models(std::chrono::milliseconds(5000)).find("claude-sonnet-4-5"),
              std::string::npos);
    RecordingSink sink;
    EXPECT_EQ(run(*c, sink.sink()).status, KLAUDE_OK);
    EXPECT_EQ(server.connections(), 1);
}

}  // namespace
}  // namespace klaude::anthropic
