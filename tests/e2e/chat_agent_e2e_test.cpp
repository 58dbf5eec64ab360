// The chat plugin end to end, through the real binary: a provider with "protocol": "chat" in
// $KLAUDE_HOME/config.json, answered by the third-party aimock peer (its /v1/chat/completions),
// and the agent run of agent_e2e_test.cpp (read a file, apply a patch, run a shell command,
// answer) against scripted Chat Completions streams.
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

// ---- Chat Completions streams, shaped like the recordings in tests/plugins/chat/fixtures ----

std::string chunk(const std::string& delta, const std::string& finish = "") {
    return R"(data: {"id":"chatcmpl-e2e","object":"chat.completion.chunk","created":1,"model":"qwen3:8b","choices":[{"index":0,"delta":)" +
           delta + R"(,"finish_reason":)" + (finish.empty() ? "null" : json_quote(finish)) +
           "}]}\n\n";
}

std::string usage_and_done() {
    return R"(data: {"id":"chatcmpl-e2e","object":"chat.completion.chunk","created":1,"model":"qwen3:8b","choices":[],"usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,"prompt_tokens_details":{"cached_tokens":100}}})"
           "\n\ndata: [DONE]\n\n";
}

// An answer in three deltas.
std::string chat_answer(const std::string& text) {
    const size_t third = text.size() / 3;
    return chunk(R"({"role":"assistant","content":""})") +
           chunk(R"({"content":)" + json_quote(text.substr(0, third)) + "}") +
           chunk(R"({"content":)" + json_quote(text.substr(third, third)) + "}") +
           chunk(R"({"content":)" + json_quote(text.substr(2 * third)) + "}") +
           chunk("{}", "stop") + usage_and_done();
}

// Tool calls: id and name first, the arguments in two fragments, by index.
std::string chat_calls(const std::vector<ScriptedCall>& calls) {
    std::string out = chunk(R"({"role":"assistant","content":null})");
    for (size_t i = 0; i < calls.size(); ++i) {
        const std::string index = std::to_string(i);
        const ScriptedCall& call = calls[i];
        const size_t half = call.arguments.size() / 2;
        out += chunk(R"({"tool_calls":[{"index":)" + index + R"(,"id":)" +
                     json_quote(call.call_id) + R"(,"type":"function","function":{"name":)" +
                     json_quote(call.name) + R"(,"arguments":""}}]})");
        out += chunk(R"({"tool_calls":[{"index":)" + index + R"(,"function":{"arguments":)" +
                     json_quote(call.arguments.substr(0, half)) + "}}]}");
        out += chunk(R"({"tool_calls":[{"index":)" + index + R"(,"function":{"arguments":)" +
                     json_quote(call.arguments.substr(half)) + "}}]}");
    }
    return out + chunk("{}", "tool_calls") + usage_and_done();
}

// The tool messages of a recorded Chat Completions request, by tool_call_id.
std::map<std::string, std::string> tool_messages(const std::string& request_body) {
    std::map<std::string, std::string> outputs;
    rapidjson::Document body;
    body.Parse(request_body.c_str());
    for (const auto& message : body["messages"].GetArray()) {
        if (std::string(message["role"].GetString()) == "tool") {
            outputs[message["tool_call_id"].GetString()] = message["content"].GetString();
        }
    }
    return outputs;
}

std::string plugin_dir() {
    return (std::filesystem::path(klaude_binary()).parent_path().parent_path() / "lib" / "klaude" /
            "plugins")
        .string();
}

// The user's config: provider `local` speaking the chat protocol at `base_url` (no key).
void write_chat_config(const std::filesystem::path& home, const std::string& base_url) {
    write_text(
        home / "config.json",
        R"({"providers":[{"id":"local","protocol":"chat","base_url":")" + base_url + R"("}]})");
}

class ChatE2E : public ::testing::Test {
  protected:
    TempDir home_;
};

TEST_F(ChatE2E, ExecAgainstTheAimockPeersChatCompletions) {
    PeerProcess aimock("aimock-server.mjs");
    write_chat_config(home_.path(), aimock.base_url() + "/v1");
    auto result = run_klaude(
        {"--plugin-dir", plugin_dir(), "exec", "-m", "local/gpt-4o", "Say hello to klaude"},
        openai_env(home_.path(), "http://127.0.0.1:9/v1"));
    EXPECT_EQ(result.exit_code, 0) << result.err << aimock.stderr_text();
    EXPECT_EQ(result.out, "Hello from aimock, klaude!\n");
}

TEST_F(ChatE2E, ModelsFromTheAimockPeersList) {
    PeerProcess aimock("aimock-server.mjs");
    write_chat_config(home_.path(), aimock.base_url() + "/v1");
    auto result = run_klaude({"--plugin-dir", plugin_dir(), "models", "local"},
                             openai_env(home_.path(), "http://127.0.0.1:9/v1"));
    EXPECT_EQ(result.exit_code, 0) << result.err << aimock.stderr_text();
    EXPECT_EQ(result.err, "");
    EXPECT_THAT(result.out, HasSubstr("local (chat), from the server just now:"));
    EXPECT_THAT(result.out, HasSubstr("gpt-4o"));
}

class ChatAgentE2E : public ::testing::Test {
  protected:
    ChatAgentE2E() { make_calc_repo(repo_.path()); }
    TempDir home_;
    TempDir repo_{"klaude-repo"};
};

TEST_F(ChatAgentE2E, ReadPatchRunAnswer) {
    ReplayServer server({
        Reply::sse(chat_calls({{"call_read", "read_file", args("path", "src/calc.py")}})),
        Reply::sse(chat_calls({{"call_patch", "apply_patch", args("input", kCalcPatch)}})),
        Reply::sse(chat_calls(
            {{"call_shell", "shell",
              args("command", "printf 'ok\\n' > done.txt && grep -c return src/calc.py")}})),
        Reply::sse(chat_answer("Fixed add and mul in src/calc.py.")),
    });
    write_chat_config(home_.path(), server.base_url() + "/v1");
    auto result =
        run_klaude({"--plugin-dir", plugin_dir(), "exec", "--approval", "full-auto", "-m",
                    "local/qwen3:8b", "Fix the arithmetic in src/calc.py"},
                   openai_env(home_.path(), "http://127.0.0.1:9/v1"), "", repo_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Fixed add and mul in src/calc.py.\n");

    expect_calc_fixed(repo_.path());

    // Every model call went to /chat/completions; the last one carried the whole conversation
    // in Chat Completions form: each call in an assistant message's tool_calls, each result in
    // a tool message.
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 4u);
    for (const auto& request : requests) {
        EXPECT_EQ(request.uri, "/v1/chat/completions");
    }
    auto outputs = tool_messages(requests[3].body);
    EXPECT_THAT(outputs["call_read"], HasSubstr("return a - b"));
    EXPECT_THAT(outputs["call_patch"], HasSubstr("src/calc.py"));
    EXPECT_THAT(outputs["call_shell"], HasSubstr("2"));
    rapidjson::Document last;
    last.Parse(requests[3].body.c_str());
    int assistant_calls = 0;
    for (const auto& message : last["messages"].GetArray()) {
        if (std::string(message["role"].GetString()) == "assistant" &&
            message.HasMember("tool_calls")) {
            ++assistant_calls;
        }
    }
    EXPECT_EQ(assistant_calls, 3);
    EXPECT_THAT(result.err, HasSubstr("apply_patch"));
    // The tokens line sums the turn's four model calls (120 in, 100 cached, 30 out each).
    EXPECT_THAT(result.err,
                HasSubstr("tokens: 480 in (400 cached), 120 out (0 reasoning), 600 total"));
}

// A conversation moves between providers (ABI 1.1 provider-neutral items): the Responses
// provider's encrypted reasoning never reaches the Chat Completions server, the text does, and
// the reasoning goes back to its maker when the session returns to it.
TEST_F(ChatAgentE2E, ASessionStartedOnOneProviderContinuesOnAnother) {
    const std::string reasoning =
        "event: response.output_item.done\ndata: "
        R"({"type":"response.output_item.done","output_index":0,"item":{"id":"rs_1",)"
        R"("type":"reasoning","summary":[],"encrypted_content":"gAAAA-opaque-state"}})"
        "\n\n";
    std::string first = sse_answer("The answer is 4.");
    first.insert(first.find("event: response.output_item.added"), reasoning);
    ReplayServer openai({Reply::sse(first), Reply::sse(sse_answer("Back on OpenAI."))});
    ReplayServer local({Reply::sse(chat_answer("Still 4."))});
    write_chat_config(home_.path(), local.base_url() + "/v1");
    const auto env = openai_env(home_.path(), openai.base_url() + "/v1");
    const std::string cwd = repo_.path().string();
    auto exec = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--plugin-dir", plugin_dir(), "exec"});
        return run_klaude(args, env, "", cwd);
    };

    auto one = exec({"-m", "openai/gpt-5.1", "What is 2+2?"});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(one.out, "The answer is 4.\n");

    auto two = exec({"--continue", "-m", "local/qwen3:8b", "Are you sure?"});
    ASSERT_EQ(two.exit_code, 0) << two.err;
    EXPECT_EQ(two.out, "Still 4.\n");
    ASSERT_EQ(local.requests().size(), 1u);
    const std::string to_chat = local.requests()[0].body;
    EXPECT_THAT(to_chat, HasSubstr("What is 2+2?"));
    EXPECT_THAT(to_chat, HasSubstr("The answer is 4."));
    EXPECT_THAT(to_chat, HasSubstr("Are you sure?"));
    EXPECT_THAT(to_chat, ::testing::Not(HasSubstr("gAAAA-opaque-state")));

    auto three = exec({"--continue", "-m", "openai/gpt-5.1", "And now?"});
    ASSERT_EQ(three.exit_code, 0) << three.err;
    EXPECT_EQ(three.out, "Back on OpenAI.\n");
    ASSERT_EQ(openai.requests().size(), 2u);
    const std::string back = openai.requests()[1].body;
    EXPECT_THAT(back, HasSubstr(R"("encrypted_content":"gAAAA-opaque-state")"));
    EXPECT_THAT(back, HasSubstr("Still 4."));
    EXPECT_THAT(back, ::testing::Not(HasSubstr("\"origin\"")));
}

}  // namespace
}  // namespace klaude::testing
