// AnthropicClient against a third-party Messages API mock: @copilotkit/aimock's POST
// /v1/messages (tests/peers/aimock-server.mjs, its default fixtures in
// tests/peers/fixtures/responses.json). A second opinion on the wire format next to the
// recordings: aimock parses our request as Anthropic's SDKs would send it and streams its answer
// in Anthropic's event shapes.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>

#include "plugins/anthropic/anthropic_client.h"
#include "tests/plugins/responses/recording_sink.h"
#include "tests/support/peer_process.h"

namespace klaude::anthropic {
namespace {

using responses::testing::RecordingSink;

constexpr const char* kKeyEnv = "KLAUDE_ANTHROPIC_AIMOCK_KEY";

std::string request(const std::string& prompt) {
    return R"({"model":"claude-sonnet-4-5","instructions":"Be brief.","input":[{"type":"message","role":"user","content":[{"type":"text","text":")" +
           prompt +
           R"("}]}],"tools":[{"name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],"parallel_tool_calls":true})";
}

class AnthropicAimock : public ::testing::Test {
  protected:
    void SetUp() override { setenv(kKeyEnv, "sk-ant-aimock", 1); }
    void TearDown() override { unsetenv(kKeyEnv); }

    AnthropicClient client() const {
        return AnthropicClient(
            AnthropicConfig::from_json(R"({"id":"anthropic","base_url":")" + peer_.base_url() +
                                       R"(","api_key_env":")" + kKeyEnv +
                                       R"(","options":{"retry_base_ms":1}})"),
            sdk::Host(nullptr));
    }

    klaude::testing::PeerProcess peer_{"aimock-server.mjs"};
};

TEST_F(AnthropicAimock, StreamsATextAnswer) {
    AnthropicClient c = client();
    RecordingSink sink;
    ASSERT_NO_THROW(c.stream(request("Say hello to klaude"), sink.sink())) << peer_.stderr_text();
    EXPECT_EQ(sink.joined(KLAUDE_EVENT_TEXT_DELTA), "Hello from aimock, klaude!");
    EXPECT_GT(sink.of(KLAUDE_EVENT_TEXT_DELTA).size(), 1u) << "expected several deltas";
    const auto items = sink.of(KLAUDE_EVENT_OUTPUT_ITEM);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(
        items[0],
        R"({"type":"message","role":"assistant","content":[{"type":"text","text":"Hello from aimock, klaude!"}]})");
    ASSERT_EQ(sink.of(KLAUDE_EVENT_COMPLETED).size(), 1u);
    rapidjson::Document completed;
    completed.Parse(sink.of(KLAUDE_EVENT_COMPLETED)[0].c_str());
    EXPECT_STREQ(completed["status"].GetString(), "completed");
    EXPECT_EQ(sink.types().back(), KLAUDE_EVENT_COMPLETED);
}

TEST_F(AnthropicAimock, StreamsAToolCall) {
    AnthropicClient c = client();
    RecordingSink sink;
    ASSERT_NO_THROW(c.stream(request("Call the weather tool"), sink.sink())) << peer_.stderr_text();
    const auto calls = sink.of(KLAUDE_EVENT_TOOL_CALL);
    ASSERT_EQ(calls.size(), 1u);
    rapidjson::Document call;
    call.Parse(calls[0].c_str());
    EXPECT_STREQ(call["name"].GetString(), "get_weather");
    EXPECT_FALSE(std::string(call["call_id"].GetString()).empty());
    rapidjson::Document arguments;
    arguments.Parse(call["arguments"].GetString());
    ASSERT_TRUE(arguments.IsObject()) << call["arguments"].GetString();
    EXPECT_STREQ(arguments["city"].GetString(), "Paris");
    // The function_call item carries the same call.
    const auto items = sink.of(KLAUDE_EVENT_OUTPUT_ITEM);
    ASSERT_EQ(items.size(), 1u);
    rapidjson::Document item;
    item.Parse(items[0].c_str());
    EXPECT_STREQ(item["type"].GetString(), "function_call");
    EXPECT_STREQ(item["call_id"].GetString(), call["call_id"].GetString());
    EXPECT_STREQ(item["arguments"].GetString(), call["arguments"].GetString());
}

TEST_F(AnthropicAimock, AnUnmatchedPromptIsAOneLineServerError) {
    AnthropicClient c = client();
    RecordingSink sink;
    try {
        c.stream(request("nothing in the fixtures looks like this"), sink.sink());
        ADD_FAILURE() << "expected an error";
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_SERVER);
        EXPECT_EQ(std::string(e.what()).rfind("HTTP 503 from 'anthropic'", 0), 0u) << e.what();
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    }
}

}  // namespace
}  // namespace klaude::anthropic
