// The Responses body built from the provider-neutral request, every input kind, asserted as
// JSON text.
#include "plugins/responses/request_builder.h"

#include <gtest/gtest.h>

#include "klaude/sdk/error.hpp"

namespace klaude::responses {
namespace {

std::string body_of(const std::string& request) {
    return serialize(build_request(request).body);
}

TEST(RequestBuilder, MinimalTextRequest) {
    EXPECT_EQ(
        body_of(R"({"model":"gpt-5.1","input":[{"type":"message","role":"user",
                          "content":[{"type":"text","text":"hi"}]}]})"),
        R"({"model":"gpt-5.1","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}],"parallel_tool_calls":true,"store":false,"stream":true})");
}

TEST(RequestBuilder, EveryInputKindAndOption) {
    const std::string request = R"({
      "model": "gpt-5.1-codex",
      "instructions": "Be brief.",
      "session_id": "0b6f-session",
      "input": [
        {"type":"message","role":"developer","content":"Use tools."},
        {"type":"message","role":"user","content":[
           {"type":"text","text":"What is this?"},
           {"type":"image_url","url":"https://example.com/cat.png"}]},
        {"type":"reasoning","id":"rs_1","summary":["Thinking"],"encrypted_content":"gAAA=="},
        {"type":"reasoning","id":"rs_2","summary":["no content, store off: dropped"]},
        {"type":"function_call","call_id":"call_1","name":"shell","arguments":"{\"cmd\":\"ls\"}"},
        {"type":"function_call_output","call_id":"call_1","output":"a.txt"},
        {"type":"message","role":"assistant","content":[{"type":"text","text":"A cat."}]},
        {"type":"some_future_item","x":1}
      ],
      "tools": [{"name":"shell","description":"Run a command",
                 "parameters":{"type":"object","properties":{"cmd":{"type":"string"}}}},
                {"name":"noargs"}],
      "parallel_tool_calls": false,
      "reasoning": {"effort":"high","summary":"detailed"},
      "verbosity": "low",
      "max_output_tokens": 4096
    })";
    EXPECT_EQ(
        body_of(request),
        R"({"model":"gpt-5.1-codex","instructions":"Be brief.","input":[)"
        R"({"type":"message","role":"developer","content":[{"type":"input_text","text":"Use tools."}]},)"
        R"({"type":"message","role":"user","content":[{"type":"input_text","text":"What is this?"},{"type":"input_image","image_url":"https://example.com/cat.png"}]},)"
        R"({"type":"reasoning","summary":[{"type":"summary_text","text":"Thinking"}],"encrypted_content":"gAAA=="},)"
        R"({"type":"function_call","call_id":"call_1","name":"shell","arguments":"{\"cmd\":\"ls\"}"},)"
        R"({"type":"function_call_output","call_id":"call_1","output":"a.txt"},)"
        R"({"type":"message","role":"assistant","content":[{"type":"output_text","text":"A cat."}]}],)"
        R"("tools":[{"type":"function","name":"shell","description":"Run a command","parameters":{"type":"object","properties":{"cmd":{"type":"string"}}},"strict":false},)"
        R"({"type":"function","name":"noargs","parameters":{"type":"object","properties":{}},"strict":false}],)"
        R"("tool_choice":"auto","parallel_tool_calls":false,)"
        R"("reasoning":{"effort":"high","summary":"detailed"},"include":["reasoning.encrypted_content"],)"
        R"("text":{"verbosity":"low"},"max_output_tokens":4096,"store":false,)"
        R"("prompt_cache_key":"0b6f-session","stream":true})");
    EXPECT_EQ(build_request(request).session_id, "0b6f-session");
}

TEST(RequestBuilder, ReasoningByIdOnlyWhenStored) {
    EXPECT_EQ(
        body_of(R"({"model":"m","store":true,"input":[{"type":"reasoning","id":"rs_2"}]})"),
        R"({"model":"m","input":[{"type":"reasoning","id":"rs_2","summary":[]}],"parallel_tool_calls":true,"store":true,"stream":true})");
}

TEST(RequestBuilder, ReasoningSummaryDefaultsToAuto) {
    std::string body = body_of(R"({"model":"m","input":[],"reasoning":{"effort":"low"}})");
    EXPECT_NE(body.find(R"("reasoning":{"effort":"low","summary":"auto"})"), std::string::npos);
}

void expect_invalid(const std::string& request, const std::string& fragment) {
    try {
        build_request(request);
        ADD_FAILURE() << "accepted: " << request;
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_INVALID_ARGUMENT);
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TEST(RequestBuilder, BadRequestsNameTheField) {
    expect_invalid("{", "invalid JSON");
    expect_invalid("[]", "expected a JSON object");
    expect_invalid(R"({"input":[]})", "request.model is required");
    expect_invalid(R"({"model":"m"})", "input must be an array");
    expect_invalid(R"({"model":"m","input":[{"type":"message","content":"x"}]})",
                   "input[0].role is required");
    expect_invalid(R"({"model":"m","input":[{"type":"function_call","name":"f"}]})",
                   "input[0].call_id is required");
    expect_invalid(
        R"({"model":"m","input":[{"type":"message","role":"user","content":[{"type":"audio"}]}]})",
        "input[0].content[0].type 'audio' is not supported");
    expect_invalid(R"({"model":"m","input":[],"tools":[{"name":"f","parameters":3}]})",
                   "tools[0].parameters must be a JSON schema object");
    expect_invalid(R"({"model":"m","input":[],"max_output_tokens":-1})", "max_output_tokens");
}

}  // namespace
}  // namespace klaude::responses
