// build_messages_body: one case per kind of input item and request field, compared as JSON.
// Model "m" is unknown to the model table (max_tokens 8192 unless a case says otherwise);
// prompt caching is off except in the cases about it.
#include "plugins/anthropic/request_builder.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "klaude/sdk/error.hpp"

namespace klaude::anthropic {
namespace {

struct Case {
    const char* name;
    const char* request;  // the provider-neutral request
    const char* options;  // the provider's "options"
    const char* body;     // the expected Messages API body, without "stream":true
};

void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

constexpr const char* kNoCache = R"({"prompt_caching":false})";

const Case kCases[] = {
    {"InstructionsThenDeveloperMessagesAsSystem",
     R"({"model":"m","instructions":"Be brief.","input":[
        {"type":"message","role":"developer","content":[{"type":"text","text":"Repo: calc"}]},
        {"type":"message","role":"user","content":[{"type":"text","text":"hi"},{"type":"text","text":""}]}]})",
     kNoCache,
     R"({"model":"m","max_tokens":8192,
        "system":[{"type":"text","text":"Be brief."},{"type":"text","text":"Repo: calc"}],
        "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]})"},
    {"ConsecutiveItemsOfOneRoleMerge",
     R"({"model":"m","input":[
        {"type":"message","role":"user","content":[{"type":"text","text":"a"}]},
        {"type":"message","role":"user","content":"b"},
        {"type":"message","role":"assistant","content":[{"type":"text","text":"Reading."}]},
        {"type":"function_call","call_id":"toolu_1","name":"read_file","arguments":"{\"path\":\"a\"}"},
        {"type":"function_call","call_id":"toolu_2","name":"read_file","arguments":"{\"path\":\"b\"}"},
        {"type":"function_call_output","call_id":"toolu_1","output":"A"},
        {"type":"function_call_output","call_id":"toolu_2","output":[{"type":"text","text":"B"}],"is_error":true},
        {"type":"message","role":"user","content":[{"type":"text","text":"thanks"}]}]})",
     kNoCache,
     R"({"model":"m","max_tokens":8192,"messages":[
        {"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},
        {"role":"assistant","content":[{"type":"text","text":"Reading."},
          {"type":"tool_use","id":"toolu_1","name":"read_file","input":{"path":"a"}},
          {"type":"tool_use","id":"toolu_2","name":"read_file","input":{"path":"b"}}]},
        {"role":"user","content":[
          {"type":"tool_result","tool_use_id":"toolu_1","content":"A"},
          {"type":"tool_result","tool_use_id":"toolu_2","content":"B","is_error":true},
          {"type":"text","text":"thanks"}]}]})"},
    {"UnparsableArgumentsAndEmptyOutput",
     R"({"model":"m","input":[
        {"type":"message","role":"user","content":[{"type":"text","text":"go"}]},
        {"type":"function_call","call_id":"c1","name":"shell","arguments":"{\"cmd\":"},
        {"type":"function_call","call_id":"c2","name":"shell","arguments":"[1]"},
        {"type":"function_call","call_id":"c3","name":"shell","arguments":""},
        {"type":"function_call_output","call_id":"c1","output":""}]})",
     kNoCache,
     R"({"model":"m","max_tokens":8192,"messages":[
        {"role":"user","content":[{"type":"text","text":"go"}]},
        {"role":"assistant","content":[
          {"type":"tool_use","id":"c1","name":"shell","input":{}},
          {"type":"tool_use","id":"c2","name":"shell","input":{}},
          {"type":"tool_use","id":"c3","name":"shell","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"c1"}]}]})"},
    {"ImagesAsBase64OrUrlSources",
     R"({"model":"m","input":[{"type":"message","role":"user","content":[
        {"type":"text","text":"what?"},
        {"type":"image_url","url":"data:image/png;base64,iVBORw0KGgo="},
        {"type":"image_url","url":"https://example.org/cat.jpg"},
        {"type":"image_url","url":"data:text/plain,hello"}]}]})",
     kNoCache,
     R"({"model":"m","max_tokens":8192,"messages":[{"role":"user","content":[
        {"type":"text","text":"what?"},
        {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
        {"type":"image","source":{"type":"url","url":"https://example.org/cat.jpg"}}]}]})"},
    {"ThinkingBlocksGoBackVerbatimFirstInTheirTurn",
     R"({"model":"m","input":[
        {"type":"message","role":"user","content":[{"type":"text","text":"fix it"}]},
        {"type":"reasoning","summary":["Let me look."],"provider_state":{"type":"thinking","thinking":"Let me look.","signature":"EqQBCkYIARgCKkB+/sig=="}},
        {"type":"reasoning","summary":[],"provider_state":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT"}},
        {"type":"reasoning","id":"rs_1","summary":["from responses"],"encrypted_content":"gAAAA"},
        {"type":"reasoning","summary":["other"],"provider_state":{"type":"something_else"}},
        {"type":"message","role":"assistant","content":[{"type":"text","text":"Reading."}]},
        {"type":"function_call","call_id":"toolu_1","name":"read_file","arguments":"{}"},
        {"type":"function_call_output","call_id":"toolu_1","output":"x"}]})",
     kNoCache,
     R"({"model":"m","max_tokens":8192,"messages":[
        {"role":"user","content":[{"type":"text","text":"fix it"}]},
        {"role":"assistant","content":[
          {"type":"thinking","thinking":"Let me look.","signature":"EqQBCkYIARgCKkB+/sig=="},
          {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT"},
          {"type":"text","text":"Reading."},
          {"type":"tool_use","id":"toolu_1","name":"read_file","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"x"}]}]})"},
    {"AFirstAssistantMessageGetsAUserMessageBefore",
     R"({"model":"m","input":[{"type":"message","role":"assistant","content":[{"type":"text","text":"Hello."}]},
        {"type":"message","role":"user","content":[{"type":"text","text":"hi"}]}]})",
     kNoCache,
     R"j({"model":"m","max_tokens":8192,"messages":[
        {"role":"user","content":[{"type":"text","text":"(continue)"}]},
        {"role":"assistant","content":[{"type":"text","text":"Hello."}]},
        {"role":"user","content":[{"type":"text","text":"hi"}]}]})j"},
    {"ToolsAndNoParallelCalls",
     R"({"model":"m","input":[],"tools":[
        {"name":"shell","description":"Runs a command","parameters":{"type":"object","properties":{"cmd":{"type":"string"}}}},
        {"name":"noop"}],
        "parallel_tool_calls":false,"verbosity":"low","session_id":"s","reasoning":{"summary":"auto"}})",
     kNoCache,
     R"({"model":"m","max_tokens":8192,"messages":[],"tools":[
        {"name":"shell","description":"Runs a command","input_schema":{"type":"object","properties":{"cmd":{"type":"string"}}}},
        {"name":"noop","input_schema":{"type":"object"}}],
        "tool_choice":{"type":"auto","disable_parallel_tool_use":true}})"},
    {"ParallelCallsAllowedOrNoToolsSendNoToolChoice",
     R"({"model":"m","input":[],"tools":[],"parallel_tool_calls":false})", kNoCache,
     R"({"model":"m","max_tokens":8192,"messages":[]})"},
    {"MaxOutputTokensWins", R"({"model":"claude-sonnet-4-5","input":[],"max_output_tokens":512})",
     R"({"prompt_caching":false,"max_tokens":2000})",
     R"({"model":"claude-sonnet-4-5","max_tokens":512,"messages":[]})"},
    {"OptionsMaxTokensBeatsTheModelTable", R"({"model":"claude-sonnet-4-5","input":[]})",
     R"({"prompt_caching":false,"max_tokens":2000})",
     R"({"model":"claude-sonnet-4-5","max_tokens":2000,"messages":[]})"},
    {"TheModelTableGivesMaxTokens", R"({"model":"claude-haiku-4-5-20251001","input":[]})",
     kNoCache, R"({"model":"claude-haiku-4-5-20251001","max_tokens":64000,"messages":[]})"},
    {"MaxTokensClampedToTheFamilyLimit",
     R"({"model":"claude-3-haiku-20240307","input":[],"max_output_tokens":100000})", kNoCache,
     R"({"model":"claude-3-haiku-20240307","max_tokens":4096,"messages":[]})"},
    {"EffortHighIsA16kBudget",
     R"({"model":"claude-sonnet-4-5-20250929","input":[],"reasoning":{"effort":"high","summary":"auto"}})",
     kNoCache,
     R"({"model":"claude-sonnet-4-5-20250929","max_tokens":64000,"messages":[],
        "thinking":{"type":"enabled","budget_tokens":16384}})"},
    {"MaxTokensRaisedAboveTheBudget",
     R"({"model":"m","input":[],"max_output_tokens":2000,"reasoning":{"effort":"medium"}})",
     kNoCache,
     R"({"model":"m","max_tokens":8192,"messages":[],"thinking":{"type":"enabled","budget_tokens":4096}})"},
    {"BudgetCutToFitTheFamilyLimit",
     R"({"model":"claude-opus-4-1-20250805","input":[],"reasoning":{"effort":"xhigh"}})", kNoCache,
     R"({"model":"claude-opus-4-1-20250805","max_tokens":32000,"messages":[],
        "thinking":{"type":"enabled","budget_tokens":27904}})"},
    {"MinimalAndConfiguredBudgets", R"({"model":"m","input":[],"reasoning":{"effort":"minimal"}})",
     R"({"prompt_caching":false,"thinking_budgets":{"minimal":2048}})",
     R"({"model":"m","max_tokens":8192,"messages":[],"thinking":{"type":"enabled","budget_tokens":2048}})"},
    {"NoThinkingForNoneOrAModelThatDoesNotThink",
     R"({"model":"claude-3-5-haiku-20241022","input":[],"reasoning":{"effort":"high"}})", kNoCache,
     R"({"model":"claude-3-5-haiku-20241022","max_tokens":8192,"messages":[]})"},
    {"EffortNone", R"({"model":"m","input":[],"reasoning":{"effort":"none"}})", kNoCache,
     R"({"model":"m","max_tokens":8192,"messages":[]})"},
    {"NoThinkingWhenTheOpenToolTurnHasNoThinkingBlock",
     R"({"model":"m","reasoning":{"effort":"low"},"input":[
        {"type":"message","role":"user","content":[{"type":"text","text":"go"}]},
        {"type":"function_call","call_id":"c1","name":"shell","arguments":"{}"},
        {"type":"function_call_output","call_id":"c1","output":"ok"}]})",
     kNoCache,
     R"({"model":"m","max_tokens":8192,"messages":[
        {"role":"user","content":[{"type":"text","text":"go"}]},
        {"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"shell","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"c1","content":"ok"}]}]})"},
    {"CacheBreakpointsOnSystemToolsAndTheLastMessage",
     R"({"model":"m","instructions":"Be brief.","input":[
        {"type":"message","role":"developer","content":[{"type":"text","text":"ctx"}]},
        {"type":"message","role":"user","content":[{"type":"text","text":"go"}]},
        {"type":"function_call","call_id":"c1","name":"shell","arguments":"{}"},
        {"type":"function_call_output","call_id":"c1","output":"ok"}],
        "tools":[{"name":"a","parameters":{"type":"object"}},{"name":"b","parameters":{"type":"object"}}]})",
     "{}",
     R"({"model":"m","max_tokens":8192,
        "system":[{"type":"text","text":"Be brief."},{"type":"text","text":"ctx","cache_control":{"type":"ephemeral"}}],
        "messages":[
          {"role":"user","content":[{"type":"text","text":"go"}]},
          {"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"shell","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"c1","content":"ok","cache_control":{"type":"ephemeral"}}]}],
        "tools":[{"name":"a","input_schema":{"type":"object"}},
                 {"name":"b","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}]})"},
    {"NeverMoreThanFourBreakpoints",
     // Three breakpoints arrive inside blocks sent back verbatim: only one more fits, and the
     // last message gets it.
     R"({"model":"m","instructions":"Be brief.","input":[
        {"type":"message","role":"user","content":[{"type":"text","text":"go"}]},
        {"type":"reasoning","summary":[],"provider_state":{"type":"redacted_thinking","data":"a","cache_control":{"type":"ephemeral"}}},
        {"type":"reasoning","summary":[],"provider_state":{"type":"redacted_thinking","data":"b","cache_control":{"type":"ephemeral"}}},
        {"type":"reasoning","summary":[],"provider_state":{"type":"redacted_thinking","data":"c","cache_control":{"type":"ephemeral"}}},
        {"type":"message","role":"assistant","content":[{"type":"text","text":"ok"}]},
        {"type":"message","role":"user","content":[{"type":"text","text":"more"}]}],
        "tools":[{"name":"a","parameters":{"type":"object"}}]})",
     "{}",
     R"({"model":"m","max_tokens":8192,
        "system":[{"type":"text","text":"Be brief."}],
        "messages":[
          {"role":"user","content":[{"type":"text","text":"go"}]},
          {"role":"assistant","content":[
            {"type":"redacted_thinking","data":"a","cache_control":{"type":"ephemeral"}},
            {"type":"redacted_thinking","data":"b","cache_control":{"type":"ephemeral"}},
            {"type":"redacted_thinking","data":"c","cache_control":{"type":"ephemeral"}},
            {"type":"text","text":"ok"}]},
          {"role":"user","content":[{"type":"text","text":"more","cache_control":{"type":"ephemeral"}}]}],
        "tools":[{"name":"a","input_schema":{"type":"object"}}]})"},
    {"AThinkingBlockIsNeverMarked",
     R"({"model":"m","input":[
        {"type":"message","role":"user","content":[{"type":"text","text":"go"}]},
        {"type":"message","role":"assistant","content":[{"type":"text","text":"Sure."}]},
        {"type":"reasoning","summary":["t"],"provider_state":{"type":"thinking","thinking":"t","signature":"s"}}]})",
     "{}",
     R"({"model":"m","max_tokens":8192,"messages":[
        {"role":"user","content":[{"type":"text","text":"go"}]},
        {"role":"assistant","content":[{"type":"text","text":"Sure.","cache_control":{"type":"ephemeral"}},
          {"type":"thinking","thinking":"t","signature":"s"}]}]})"},
};

class AnthropicRequestBuilder : public ::testing::TestWithParam<Case> {};

TEST_P(AnthropicRequestBuilder, BuildsTheBody) {
    const Case& c = GetParam();
    const AnthropicConfig config =
        AnthropicConfig::from_json(std::string(R"({"options":)") + c.options + "}");
    const std::string built = build_messages_body(c.request, config).json;
    rapidjson::Document actual;
    actual.Parse(built.c_str());
    rapidjson::Document expected;
    expected.Parse(c.body);
    ASSERT_FALSE(expected.HasParseError()) << c.name;
    expected.AddMember("stream", true, expected.GetAllocator());
    EXPECT_TRUE(actual == expected) << built;
}

INSTANTIATE_TEST_SUITE_P(Inputs, AnthropicRequestBuilder, ::testing::ValuesIn(kCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(AnthropicRequestBuilderNotes, SayWhatWasChanged) {
    const AnthropicConfig config = AnthropicConfig::from_json("{}");
    const MessagesBody body = build_messages_body(
        R"({"model":"claude-3-5-haiku-latest","reasoning":{"effort":"high"},"input":[
            {"type":"message","role":"user","content":[{"type":"text","text":"go"}]},
            {"type":"function_call","call_id":"c1","name":"shell","arguments":"nope"}]})",
        config);
    ASSERT_EQ(body.notes.size(), 2u);
    EXPECT_EQ(body.notes[0], "the arguments of tool call 'c1' are not a JSON object; sent as {}");
    EXPECT_EQ(body.notes[1], "reasoning effort 'high' ignored: the model does not think");
}

TEST(AnthropicRequestBuilderNotes, ThinkingSignaturesSurviveByteForByte) {
    // Signatures are base64 with '+' and '/': what goes out must be exactly what came in.
    const std::string signature =
        "EvQBCkYICxgCKkAxhD4NUKFzudtZ6NzbZdEiBACIScTzqjPViM596iWLZIk4EFKYYBj3B6Ptl3b0dcQv/"
        "VeJBNbejNWIWRBn+KPNEgz6HWtKx7p+QRgK";
    const std::string thinking =
        "The previous result was 925. Now divide by 5.\n\n925 \xC3\xB7 5 = 185";
    const std::string request =
        R"({"model":"m","input":[{"type":"message","role":"user","content":"q"},{"type":"reasoning","summary":[],"provider_state":{"type":"thinking","thinking":"The previous result was 925. Now divide by 5.\n\n925 \u00f7 5 = 185","signature":")" +
        signature + R"("}}]})";
    rapidjson::Document body;
    body.Parse(build_messages_body(request, AnthropicConfig::from_json("{}")).json.c_str());
    const auto& block = body["messages"][1]["content"][0];
    EXPECT_EQ(std::string(block["signature"].GetString()), signature);
    EXPECT_EQ(std::string(block["thinking"].GetString()), thinking);
}

TEST(AnthropicRequestBuilderNotes, RefusesARequestWithoutModelOrInput) {
    const AnthropicConfig config = AnthropicConfig::from_json("{}");
    for (const char* request : {"{}", R"({"model":"m"})", R"({"input":[]})", "[", "7"}) {
        try {
            build_messages_body(request, config);
            ADD_FAILURE() << request;
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_INVALID_ARGUMENT) << request;
        }
    }
}

}  // namespace
}  // namespace klaude::anthropic
