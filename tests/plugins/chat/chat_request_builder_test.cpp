// build_chat_body: one case per kind of input item and request field, compared as JSON.
#include "plugins/chat/request_builder.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "klaude/sdk/error.hpp"

namespace klaude::chat {
namespace {

struct Case {
    const char* name;
    const char* request;  // the provider-neutral request
    const char* options;  // the provider's "options"
    const char* body;     // the expected Chat Completions body
};

void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

// Every body streams and asks for usage unless the case's options say otherwise.
constexpr const char* kTail = R"("stream":true,"stream_options":{"include_usage":true})";

std::string with_tail(const std::string& body) {
    return body.substr(0, body.size() - 1) + "," + kTail + "}";
}

const Case kCases[] = {
    {"UserText",
     R"({"model":"m","input":[{"type":"message","role":"user","content":[{"type":"text","text":"hi"},{"type":"text","text":" there"}]}]})",
     "{}", R"({"model":"m","messages":[{"role":"user","content":"hi there"}]})"},
    {"InstructionsAsSystem",
     R"({"model":"m","instructions":"Be brief.","input":[{"type":"message","role":"user","content":[{"type":"text","text":"hi"}]}]})",
     "{}",
     R"({"model":"m","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}]})"},
    {"InstructionsAsDeveloper",
     R"({"model":"m","instructions":"Be brief.","input":[{"type":"message","role":"developer","content":[{"type":"text","text":"ctx"}]}]})",
     R"({"instructions_role":"developer"})",
     R"({"model":"m","messages":[{"role":"developer","content":"Be brief."},{"role":"developer","content":"ctx"}]})"},
    {"UserImage",
     R"({"model":"m","input":[{"type":"message","role":"user","content":[{"type":"text","text":"what?"},{"type":"image_url","url":"data:image/png;base64,AAAA"}]}]})",
     "{}",
     R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"what?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]})"},
    {"AssistantThenCallsBecomeOneMessage",
     R"({"model":"m","input":[
        {"type":"message","role":"user","content":[{"type":"text","text":"read a and b"}]},
        {"type":"message","role":"assistant","content":[{"type":"text","text":"Reading."}]},
        {"type":"reasoning","id":"r1","summary":["thinking"],"encrypted_content":"xyz"},
        {"type":"function_call","call_id":"c1","name":"read_file","arguments":"{\"path\":\"a\"}"},
        {"type":"function_call","call_id":"c2","name":"read_file","arguments":"{\"path\":\"b\"}"},
        {"type":"function_call_output","call_id":"c1","output":"A"},
        {"type":"function_call_output","call_id":"c2","output":"B"}]})",
     "{}",
     R"({"model":"m","messages":[{"role":"user","content":"read a and b"},
        {"role":"assistant","content":"Reading.","tool_calls":[
          {"id":"c1","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"a\"}"}},
          {"id":"c2","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"b\"}"}}]},
        {"role":"tool","tool_call_id":"c1","content":"A"},
        {"role":"tool","tool_call_id":"c2","content":"B"}]})"},
    {"CallsWithoutAssistantTextGetANullContent",
     R"({"model":"m","input":[
        {"type":"message","role":"user","content":[{"type":"text","text":"go"}]},
        {"type":"function_call","call_id":"c1","name":"shell","arguments":""},
        {"type":"function_call_output","call_id":"c1","output":[{"type":"text","text":"ok"}]},
        {"type":"function_call","call_id":"c2","name":"shell","arguments":"{}"}]})",
     "{}",
     R"({"model":"m","messages":[{"role":"user","content":"go"},
        {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"shell","arguments":"{}"}}]},
        {"role":"tool","tool_call_id":"c1","content":"ok"},
        {"role":"assistant","content":null,"tool_calls":[{"id":"c2","type":"function","function":{"name":"shell","arguments":"{}"}}]}]})"},
    {"ReasoningItemsAreDropped",
     R"({"model":"m","input":[{"type":"reasoning","id":"r","summary":["s"]},{"type":"message","role":"assistant","content":[{"type":"text","text":"x"}]}]})",
     "{}", R"({"model":"m","messages":[{"role":"assistant","content":"x"}]})"},
    {"ToolsEffortAndMaxTokens",
     R"({"model":"m","input":[],"tools":[{"name":"shell","description":"Runs a command","parameters":{"type":"object","properties":{"cmd":{"type":"string"}}}}],
        "parallel_tool_calls":false,"reasoning":{"effort":"high","summary":"auto"},"verbosity":"low","max_output_tokens":512,"session_id":"s"})",
     "{}",
     R"({"model":"m","messages":[],"tools":[{"type":"function","function":{"name":"shell","description":"Runs a command","parameters":{"type":"object","properties":{"cmd":{"type":"string"}}}}}],
        "parallel_tool_calls":false,"reasoning_effort":"high","max_tokens":512})"},
    {"MaxCompletionTokens", R"({"model":"m","input":[],"max_output_tokens":64})",
     R"({"max_tokens_field":"max_completion_tokens"})",
     R"({"model":"m","messages":[],"max_completion_tokens":64})"},
    {"NoToolsNoParallelFlag", R"({"model":"m","input":[],"tools":[],"parallel_tool_calls":true})",
     "{}", R"({"model":"m","messages":[]})"},
};

class ChatRequestBuilder : public ::testing::TestWithParam<Case> {};

TEST_P(ChatRequestBuilder, BuildsTheBody) {
    const Case& c = GetParam();
    const ChatConfig config = ChatConfig::from_json(
        std::string(R"({"base_url":"http://h/v1","options":)") + c.options + "}");
    rapidjson::Document actual;
    actual.Parse(build_chat_body(c.request, config).c_str());
    rapidjson::Document expected;
    expected.Parse(with_tail(c.body).c_str());
    ASSERT_FALSE(expected.HasParseError()) << c.name;
    EXPECT_TRUE(actual == expected) << build_chat_body(c.request, config);
}

INSTANTIATE_TEST_SUITE_P(Inputs, ChatRequestBuilder, ::testing::ValuesIn(kCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(ChatRequestBuilderOptions, StreamUsageOffAndExtraBody) {
    const ChatConfig config = ChatConfig::from_json(
        R"({"base_url":"http://h/v1","options":{"stream_usage":false,
            "extra_body":{"top_k":20,"stream":true,"max_tokens":null,"options":{"num_ctx":8192}}}})");
    rapidjson::Document actual;
    actual.Parse(
        build_chat_body(R"({"model":"m","input":[],"max_output_tokens":9})", config).c_str());
    rapidjson::Document expected;
    expected.Parse(
        R"({"model":"m","messages":[],"stream":true,"top_k":20,"options":{"num_ctx":8192}})");
    EXPECT_TRUE(actual == expected);
}

TEST(ChatRequestBuilderOptions, RefusesARequestWithoutModelOrInput) {
    const ChatConfig config = ChatConfig::from_json(R"({"base_url":"http://h/v1"})");
    for (const char* request : {"{}", R"({"model":"m"})", R"({"input":[]})", "[", "7"}) {
        try {
            build_chat_body(request, config);
            ADD_FAILURE() << request;
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_INVALID_ARGUMENT) << request;
        }
    }
}

}  // namespace
}  // namespace klaude::chat
