// The anthropic plugin end to end, through the real binary and the built-in `anthropic`
// provider (no config file): `klaude exec` against a scripted Messages API server on loopback
// (the agent run of agent_e2e_test.cpp: read a file, apply a patch, run a shell command,
// answer), extended thinking with tool use (the thinking block goes back to the API with its
// signature untouched), and a plain answer from the third-party aimock peer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>

#include "tests/core/support/run_klaude.h"
#include "tests/e2e/calc_scenario.h"
#include "tests/e2e/e2e_test_support.h"
#include "tests/e2e/sse_script.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/support/peer_process.h"

namespace klaude::testing {
namespace {

using klaude::responses::testing::ReplayServer;
using klaude::responses::testing::Reply;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kModel = "claude-sonnet-4-5-20250929";
constexpr const char* kKey = "sk-ant-e2e-key-0123456789";

// ---- Messages API streams, shaped like the recordings in tests/plugins/anthropic/fixtures ----

std::string event(const std::string& data) {
    rapidjson::Document doc;
    doc.Parse(data.c_str());
    return "event: " + std::string(doc["type"].GetString()) + "\ndata: " + data + "\n\n";
}

std::string message_start() {
    return event(
               R"({"type":"message_start","message":{"model":")" + std::string(kModel) +
               R"(","id":"msg_e2e","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":1}}})") +
           event(R"({"type":"ping"})");
}

std::string message_end(const std::string& stop_reason) {
    return event(R"({"type":"message_delta","delta":{"stop_reason":")" + stop_reason +
                 R"(","stop_sequence":null},"usage":{"output_tokens":30}})") +
           event(R"({"type":"message_stop"})");
}

std::string block(int index, const std::string& start, const std::vector<std::string>& deltas) {
    const std::string at = std::to_string(index);
    std::string out = event(R"({"type":"content_block_start","index":)" + at +
                            R"(,"content_block":)" + start + "}");
    for (const std::string& d : deltas) {
        out += event(R"({"type":"content_block_delta","index":)" + at + R"(,"delta":)" + d + "}");
    }
    return out + event(R"({"type":"content_block_stop","index":)" + at + "}");
}

// An answer in three deltas.
std::string anthropic_answer(const std::string& text) {
    const size_t third = text.size() / 3;
    std::vector<std::string> deltas;
    for (const std::string& piece :
         {text.substr(0, third), text.substr(third, third), text.substr(2 * third)}) {
        deltas.push_back(R"({"type":"text_delta","text":)" + json_quote(piece) + "}");
    }
    return message_start() + block(0, R"({"type":"text","text":""})", deltas) +
           message_end("end_turn");
}

struct Thinking {
    std::string text;
    std::string signature;
};

// Tool calls (input in two fragments each), after a thinking block when one is given.
std::string anthropic_calls(const std::vector<ScriptedCall>& calls,
                            const Thinking* thinking = nullptr) {
    std::string out = message_start();
    int index = 0;
    if (thinking != nullptr) {
        const size_t half = thinking->text.size() / 2;
        out += block(
            index++, R"({"type":"thinking","thinking":"","signature":""})",
            {R"({"type":"thinking_delta","thinking":)" +
                 json_quote(thinking->text.substr(0, half)) + "}",
             R"({"type":"thinking_delta","thinking":)" + json_quote(thinking->text.substr(half)) +
                 "}",
             R"({"type":"signature_delta","signature":)" + json_quote(thinking->signature) + "}"});
    }
    for (const ScriptedCall& call : calls) {
        const size_t half = call.arguments.size() / 2;
        out += block(index++,
                     R"({"type":"tool_use","id":)" + json_quote(call.call_id) + R"(,"name":)" +
                         json_quote(call.name) + R"(,"input":{}})",
                     {R"({"type":"input_json_delta","partial_json":""})",
                      R"({"type":"input_json_delta","partial_json":)" +
                          json_quote(call.arguments.substr(0, half)) + "}",
                      R"({"type":"input_json_delta","partial_json":)" +
                          json_quote(call.arguments.substr(half)) + "}"});
    }
    return out + message_end("tool_use");
}

// Anthropic's models list, naming the model the tests use.
constexpr const char* kModelsList =
    R"({"data":[{"type":"model","id":"claude-sonnet-4-5-20250929","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-5-20250929","last_id":"claude-sonnet-4-5-20250929"})";

// A user with no config file, an Anthropic key, and ANTHROPIC_BASE_URL at `base_url`.
std::map<std::string, std::string> anthropic_env(const std::filesystem::path& home,
                                                 const std::string& base_url) {
    auto env = openai_env(home, "http://127.0.0.1:9/v1");
    env["ANTHROPIC_API_KEY"] = kKey;
    env["ANTHROPIC_BASE_URL"] = base_url;
    return env;
}

rapidjson::Document parse(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    return doc;
}

// The tool_result blocks of a recorded Messages API request, by tool_use_id.
std::map<std::string, std::string> tool_results(const std::string& request_body) {
    std::map<std::string, std::string> outputs;
    const rapidjson::Document body = parse(request_body);
    for (const auto& message : body["messages"].GetArray()) {
        for (const auto& content : message["content"].GetArray()) {
            if (std::string(content["type"].GetString()) == "tool_result") {
                outputs[content["tool_use_id"].GetString()] =
                    content.HasMember("content") ? content["content"].GetString() : "";
            }
        }
    }
    return outputs;
}

class AnthropicE2E : public ::testing::Test {
  protected:
    TempDir home_;
};

TEST_F(AnthropicE2E, ExecWithTheKeyAndBaseUrlInTheEnvironmentStreamsTheAnswer) {
    ReplayServer server({Reply::sse(anthropic_answer("Hello there, klaude user!"), 7)});
    server.set_models_list(200, kModelsList);
    auto result = run_klaude({"exec", "-m", std::string("anthropic/") + kModel, "hi"},
                             anthropic_env(home_.path(), server.base_url()));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Hello there, klaude user!\n");
    EXPECT_THAT(result.err,
                HasSubstr("tokens: 120 in (100 cached), 30 out (0 reasoning), 150 total"));
    EXPECT_THAT(result.err, Not(HasSubstr("sk-ant")));

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].uri, "/v1/messages");
    EXPECT_EQ(requests[0].header("x-api-key"), kKey);
    EXPECT_EQ(requests[0].header("anthropic-version"), "2023-06-01");
    const rapidjson::Document body = parse(requests[0].body);
    EXPECT_STREQ(body["model"].GetString(), kModel);
    EXPECT_TRUE(body["stream"].GetBool());
    EXPECT_THAT(body["system"][0]["text"].GetString(), HasSubstr("Working directory:"));
    EXPECT_STREQ(body["messages"][0]["role"].GetString(), "user");
    EXPECT_TRUE(body["tools"].IsArray());
    EXPECT_FALSE(body.HasMember("thinking"));
}

TEST_F(AnthropicE2E, WithoutAKeyTheErrorSaysWhichVariableToSet) {
    ReplayServer server({Reply::sse(anthropic_answer("unused"))});
    auto env = anthropic_env(home_.path(), server.base_url());
    env["ANTHROPIC_API_KEY"] = "";
    auto result = run_klaude({"exec", "-m", std::string("anthropic/") + kModel, "hi"}, env);
    EXPECT_NE(result.exit_code, 0);
    EXPECT_EQ(result.out, "");
    EXPECT_THAT(result.err, HasSubstr("ANTHROPIC_API_KEY is not set"));
    EXPECT_TRUE(server.requests().empty());
}

TEST_F(AnthropicE2E, ExecAgainstTheAimockPeersMessages) {
    PeerProcess aimock("aimock-server.mjs");
    auto result = run_klaude({"exec", "-m", "anthropic/claude-sonnet-4-5", "Say hello to klaude"},
                             anthropic_env(home_.path(), aimock.base_url()));
    EXPECT_EQ(result.exit_code, 0) << result.err << aimock.stderr_text();
    EXPECT_EQ(result.out, "Hello from aimock, klaude!\n");
}

class AnthropicAgentE2E : public ::testing::Test {
  protected:
    AnthropicAgentE2E() { make_calc_repo(repo_.path()); }
    TempDir home_;
    TempDir repo_{"klaude-repo"};
};

TEST_F(AnthropicAgentE2E, ReadPatchRunAnswer) {
    ReplayServer server({
        Reply::sse(anthropic_calls({{"toolu_read", "read_file", args("path", "src/calc.py")}})),
        Reply::sse(anthropic_calls({{"toolu_patch", "apply_patch", args("input", kCalcPatch)}})),
        Reply::sse(anthropic_calls(
            {{"toolu_shell", "shell",
              args("command", "printf 'ok\\n' > done.txt && grep -c return src/calc.py")}})),
        Reply::sse(anthropic_answer("Fixed add and mul in src/calc.py.")),
    });
    server.set_models_list(200, kModelsList);
    auto result =
        run_klaude({"exec", "--approval", "full-auto", "-m", std::string("anthropic/") + kModel,
                    "Fix the arithmetic in src/calc.py"},
                   anthropic_env(home_.path(), server.base_url()), "", repo_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Fixed add and mul in src/calc.py.\n");

    expect_calc_fixed(repo_.path());

    // Every model call went to /v1/messages; the last one carried the whole conversation in
    // Messages form: user, then (assistant tool_use, user tool_result) three times.
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 4u);
    for (const auto& request : requests) {
        EXPECT_EQ(request.uri, "/v1/messages");
    }
    auto outputs = tool_results(requests[3].body);
    EXPECT_THAT(outputs["toolu_read"], HasSubstr("return a - b"));
    EXPECT_THAT(outputs["toolu_patch"], HasSubstr("src/calc.py"));
    EXPECT_THAT(outputs["toolu_shell"], HasSubstr("2"));
    const rapidjson::Document last = parse(requests[3].body);
    const auto& messages = last["messages"];
    ASSERT_EQ(messages.Size(), 7u);
    for (rapidjson::SizeType i = 0; i < messages.Size(); ++i) {
        EXPECT_STREQ(messages[i]["role"].GetString(), i % 2 == 0 ? "user" : "assistant") << i;
    }
    const auto& patch_call = messages[3]["content"][0];
    EXPECT_STREQ(patch_call["type"].GetString(), "tool_use");
    EXPECT_STREQ(patch_call["id"].GetString(), "toolu_patch");
    EXPECT_STREQ(patch_call["input"]["input"].GetString(), kCalcPatch);
    // The prompt cache breakpoint sits on the newest tool result.
    EXPECT_TRUE(messages[6]["content"][0].HasMember("cache_control"));
    EXPECT_THAT(result.err, HasSubstr("apply_patch"));
}

TEST_F(AnthropicAgentE2E, ThinkingWithToolUseSendsTheThinkingBlockBackUntouched) {
    const Thinking thinking{"The file has two bugs.\nRead it first \xE2\x80\x94 then patch.",
                            "EqQBCkYIARgCKkB+/3gq9Lk5ZmZ0Qx0m/9a+b==Zx8fL/+"};
    ReplayServer server({
        Reply::sse(
            anthropic_calls({{"toolu_read", "read_file", args("path", "src/calc.py")}}, &thinking)),
        Reply::sse(anthropic_answer("add subtracts and mul adds.")),
    });
    server.set_models_list(200, kModelsList);
    auto result =
        run_klaude({"exec", "--approval", "full-auto", "-c", "reasoning_effort=high", "-m",
                    std::string("anthropic/") + kModel, "What is wrong in calc?"},
                   anthropic_env(home_.path(), server.base_url()), "", repo_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "add subtracts and mul adds.\n");
    EXPECT_THAT(result.err, HasSubstr("Read it first"));  // the reasoning is shown

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2u);
    for (const auto& request : requests) {
        const rapidjson::Document body = parse(request.body);
        ASSERT_TRUE(body.HasMember("thinking")) << request.body;
        EXPECT_EQ(body["thinking"]["budget_tokens"].GetInt(), 16384);
    }
    // The second request: user, assistant [thinking, tool_use], user [tool_result]. The
    // thinking block is the one the API streamed: its text and signature byte for byte.
    const rapidjson::Document second = parse(requests[1].body);
    const auto& assistant = second["messages"][1];
    EXPECT_STREQ(assistant["role"].GetString(), "assistant");
    ASSERT_EQ(assistant["content"].Size(), 2u);
    const auto& block = assistant["content"][0];
    EXPECT_TRUE(block == parse(R"({"type":"thinking","thinking":)" + json_quote(thinking.text) +
                               R"(,"signature":)" + json_quote(thinking.signature) + "}"))
        << requests[1].body;
    EXPECT_EQ(std::string(block["signature"].GetString(), block["signature"].GetStringLength()),
              thinking.signature);
    EXPECT_STREQ(assistant["content"][1]["type"].GetString(), "tool_use");
    EXPECT_STREQ(second["messages"][2]["content"][0]["type"].GetString(), "tool_result");
}

// A session that moves between Anthropic and the Responses provider and back: the thinking
// block (provider_state) never reaches OpenAI, the tool call and its output do, and the block
// goes back to Anthropic byte for byte when the session returns there.
TEST_F(AnthropicAgentE2E, ASessionMovesToAnotherProviderAndBack) {
    const Thinking thinking{"Look at the file first.", "EqQBCkYIAR-opaque-signature=="};
    ReplayServer anthropic({
        Reply::sse(
            anthropic_calls({{"toolu_read", "read_file", args("path", "src/calc.py")}}, &thinking)),
        Reply::sse(anthropic_answer("add subtracts.")),
        Reply::sse(anthropic_answer("Done here.")),
    });
    anthropic.set_models_list(200, kModelsList);
    ReplayServer openai({Reply::sse(sse_answer("mul adds, too."))});
    auto env = anthropic_env(home_.path(), anthropic.base_url());
    env["OPENAI_BASE_URL"] = openai.base_url() + "/v1";
    const std::string cwd = repo_.path().string();
    auto exec = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"exec", "--approval", "full-auto"});
        return run_klaude(args, env, "", cwd);
    };

    auto one = exec({"-c", "reasoning_effort=high", "-m", std::string("anthropic/") + kModel,
                     "What is wrong in calc?"});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    auto two = exec({"--continue", "-m", "openai/gpt-5.1", "Anything else?"});
    ASSERT_EQ(two.exit_code, 0) << two.err;
    EXPECT_EQ(two.out, "mul adds, too.\n");
    ASSERT_EQ(openai.requests().size(), 1u);
    const std::string to_openai = openai.requests()[0].body;
    EXPECT_THAT(to_openai, HasSubstr(R"("call_id":"toolu_read")"));
    EXPECT_THAT(to_openai, HasSubstr("return a - b"));  // the tool output carried over
    EXPECT_THAT(to_openai, Not(HasSubstr("opaque-signature")));
    EXPECT_THAT(to_openai, Not(HasSubstr("Look at the file first.")));

    auto three = exec({"--continue", "-c", "reasoning_effort=high", "-m",
                       std::string("anthropic/") + kModel, "Thanks"});
    ASSERT_EQ(three.exit_code, 0) << three.err;
    EXPECT_EQ(three.out, "Done here.\n");
    const auto requests = anthropic.requests();
    ASSERT_EQ(requests.size(), 3u);
    const rapidjson::Document back = parse(requests[2].body);
    const auto& assistant = back["messages"][1];
    ASSERT_STREQ(assistant["role"].GetString(), "assistant");
    EXPECT_TRUE(assistant["content"][0] ==
                parse(R"({"type":"thinking","thinking":)" + json_quote(thinking.text) +
                      R"(,"signature":)" + json_quote(thinking.signature) + "}"))
        << requests[2].body;
    // OpenAI's answer reached Anthropic as plain text.
    EXPECT_THAT(requests[2].body, HasSubstr("mul adds, too."));
}

// The calc scenario against the real API, with thinking, when enabled: KLAUDE_NETWORK_TESTS=1
// and ANTHROPIC_API_KEY set (KLAUDE_NETWORK_ANTHROPIC_MODEL optional).
TEST_F(AnthropicAgentE2E, NetworkRealModelFixesTheFile) {
    const char* enabled = std::getenv("KLAUDE_NETWORK_TESTS");
    const char* key = std::getenv("ANTHROPIC_API_KEY");
    if (enabled == nullptr || std::string(enabled) != "1" || key == nullptr || *key == '\0') {
        GTEST_SKIP() << "set KLAUDE_NETWORK_TESTS=1 and ANTHROPIC_API_KEY to run";
    }
    const char* model = std::getenv("KLAUDE_NETWORK_ANTHROPIC_MODEL");
    std::map<std::string, std::string> env = {{"KLAUDE_HOME", home_.path().string()},
                                              {"KLAUDE_PLUGIN_PATH", ""},
                                              {"ANTHROPIC_BASE_URL", ""}};
    auto result = run_klaude(
        {"exec", "--approval", "full-auto", "-c", "reasoning_effort=low", "-m",
         std::string("anthropic/") + (model != nullptr ? model : "claude-haiku-4-5"),
         "src/calc.py has two bugs: add subtracts and mul adds. Fix both with apply_patch, then "
         "run `grep -c return src/calc.py` and tell me the number."},
        env, "", repo_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(read_text(repo_.path() / "src" / "calc.py"), kCalcAfter);
    EXPECT_THAT(result.out, HasSubstr("2"));
}

}  // namespace
}  // namespace klaude::testing
