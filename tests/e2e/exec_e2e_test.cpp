// `klaude exec` end to end, as a user runs it: the real binary, the real responses plugin, and
// a Responses server on loopback (the team's replay server, and the third-party aimock).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>

#include <sstream>

#include "tests/core/support/run_klaude.h"
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

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

class ExecE2E : public ::testing::Test {
  protected:
    TempDir home_;
};

TEST_F(ExecE2E, PrintsExactlyTheStreamedText) {
    ReplayServer server({Reply::sse(sse_answer("Hello there, klaude user!"), 7)});
    auto result = run_klaude({"exec", "-m", "openai/gpt-5.1", "hi"},
                             openai_env(home_.path(), server.base_url() + "/v1"));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Hello there, klaude user!\n");
    EXPECT_THAT(result.err,
                HasSubstr("tokens: 120 in (20 cached), 30 out (8 reasoning), 150 total"));
    EXPECT_THAT(result.err, Not(HasSubstr("sk-test")));

    const auto requests = server.requests();  // a copy: the server keeps recording
    ASSERT_EQ(requests.size(), 1u);
    const auto& request = requests[0];
    EXPECT_EQ(request.uri, "/v1/responses");
    EXPECT_EQ(request.header("Authorization"), "Bearer sk-test-e2e-key-123456");
    EXPECT_EQ(request.header("Accept"), "text/event-stream");
    rapidjson::Document body;
    body.Parse(request.body.c_str());
    ASSERT_TRUE(body.IsObject());
    EXPECT_STREQ(body["model"].GetString(), "gpt-5.1");
    EXPECT_TRUE(body["stream"].GetBool());
    EXPECT_STREQ(body["input"][0]["role"].GetString(), "user");
    EXPECT_THAT(body["instructions"].GetString(), HasSubstr("Working directory:"));
    // Every run has a session id, sent as the prompt cache key.
    EXPECT_EQ(std::string(body["prompt_cache_key"].GetString()).size(), 36u);
    EXPECT_TRUE(body["tools"].IsArray());
}

TEST_F(ExecE2E, JsonPrintsEveryEvent) {
    ReplayServer server({Reply::sse(sse_answer("abcdefghi"))});
    auto result = run_klaude({"exec", "--json", "-m", "openai/gpt-5.1", "hi"},
                             openai_env(home_.path(), server.base_url() + "/v1"));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    std::vector<std::string> types;
    std::string text;
    for (const std::string& line : lines_of(result.out)) {
        rapidjson::Document event;
        ASSERT_FALSE(event.Parse(line.c_str()).HasParseError()) << line;
        types.emplace_back(event["type"].GetString());
        if (types.back() == "text.delta") {
            text += event["text"].GetString();
        }
    }
    EXPECT_EQ(text, "abcdefghi");
    EXPECT_EQ(types.front(), "session.started");
    EXPECT_EQ(std::count(types.begin(), types.end(), "text.delta"), 3);
    for (const char* expected :
         {"response.created", "output.item", "usage", "response.completed"}) {
        EXPECT_NE(std::find(types.begin(), types.end(), expected), types.end()) << expected;
    }
}

TEST_F(ExecE2E, AgainstTheAimockPeer) {
    PeerProcess aimock("aimock-server.mjs");
    auto result = run_klaude({"exec", "-m", "openai/gpt-4o", "Say hello to klaude"},
                             openai_env(home_.path(), aimock.base_url() + "/v1"));
    EXPECT_EQ(result.exit_code, 0) << result.err << aimock.stderr_text();
    EXPECT_EQ(result.out, "Hello from aimock, klaude!\n");
}

// The responses plugin's live catalog from a third-party server's GET /v1/models: aimock lists
// chat models and an embedding model; klaude hides the latter and adds what it knows of the
// families (gpt-4o: 128k context).
TEST_F(ExecE2E, ModelsFromTheAimockPeersList) {
    PeerProcess aimock("aimock-server.mjs");
    auto result = run_klaude({"models", "openai", "--all"},
                             openai_env(home_.path(), aimock.base_url() + "/v1"));
    EXPECT_EQ(result.exit_code, 0) << result.err << aimock.stderr_text();
    EXPECT_EQ(result.err, "");
    EXPECT_THAT(result.out, HasSubstr("openai (responses), from the server just now:"));
    auto line_of = [&](const std::string& id) {
        const auto at = result.out.find("  " + id + "  ");
        return at == std::string::npos ? std::string()
                                       : result.out.substr(at, result.out.find('\n', at) - at);
    };
    EXPECT_THAT(line_of("gpt-4o"), HasSubstr("128k context"));
    EXPECT_THAT(line_of("gpt-4o"), Not(HasSubstr("hidden")));
    EXPECT_THAT(line_of("claude-3-5-sonnet-20241022"), Not(HasSubstr("hidden")));
    EXPECT_THAT(line_of("text-embedding-3-small"), HasSubstr("hidden"));
}

// The replay server's models list: the catalog is fetched once, merged with known metadata,
// and its model's defaults reach the request (gpt-5.1: reasoning effort "none").
TEST_F(ExecE2E, TheCatalogsDefaultsReachTheRequest) {
    ReplayServer server({Reply::sse(sse_answer("ok"))});
    auto result = run_klaude({"exec", "-m", "openai/gpt-5.1", "hi"},
                             openai_env(home_.path(), server.base_url() + "/v1"));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(server.models_list_requests(), 1);
    rapidjson::Document body;
    body.Parse(server.requests().at(0).body.c_str());
    ASSERT_TRUE(body.IsObject());
    EXPECT_STREQ(body["reasoning"]["effort"].GetString(), "none");
    EXPECT_STREQ(body["text"]["verbosity"].GetString(), "medium");

    // A reasoning effort the model does not have is refused before any model call, naming
    // the levels it has.
    auto wrong = run_klaude({"exec", "-m", "openai/gpt-5.1", "-c", "reasoning_effort=ultra", "hi"},
                            openai_env(home_.path(), server.base_url() + "/v1"));
    EXPECT_NE(wrong.exit_code, 0);
    EXPECT_THAT(wrong.err, HasSubstr("supports the reasoning efforts none, low, medium, high, "
                                     "not 'ultra'"));
    EXPECT_EQ(server.requests().size(), 1u);
}

// A server without a models list (404) costs nothing visible: the plugin's list is used.
TEST_F(ExecE2E, AServerWithoutAModelsListIsQuiet) {
    ReplayServer server({Reply::sse(sse_answer("ok"))});
    server.set_models_list(404, R"({"error":{"message":"not found"}})");
    auto result =
        run_klaude({"models", "openai"}, openai_env(home_.path(), server.base_url() + "/v1"));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_THAT(result.out, HasSubstr("openai (responses), the plugin's built-in list:"));
    EXPECT_EQ(server.models_list_requests(), 1);
}

TEST_F(ExecE2E, ServerErrorsAreOneLine) {
    ReplayServer server({Reply::error(401, R"({"error":{"message":"Incorrect API key"}})")});
    auto result = run_klaude({"exec", "-m", "openai/gpt-5.1", "hi"},
                             openai_env(home_.path(), server.base_url() + "/v1"));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_THAT(result.err, HasSubstr("klaude: "));
    EXPECT_EQ(result.out, "");
}

TEST_F(ExecE2E, ACutStreamIsAnError) {
    Reply cut = Reply::sse(sse_answer("this answer never finishes properly"));
    cut.cut_after = cut.body.size() / 2;
    ReplayServer server({cut});
    auto result = run_klaude({"exec", "-m", "openai/gpt-5.1", "hi"},
                             openai_env(home_.path(), server.base_url() + "/v1"));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, HasSubstr("closed before the end of the response"));
}

TEST_F(ExecE2E, CtrlCCancelsPromptly) {
    Reply stall = Reply::sse(sse_answer("partial"));
    stall.cut_after = stall.body.size() / 2;
    stall.stall = std::chrono::seconds(30);
    ReplayServer server({stall});
    KlaudeProcess klaude({"exec", "-m", "openai/gpt-5.1", "hi"},
                         openai_env(home_.path(), server.base_url() + "/v1"));
    while (server.requests().empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto start = std::chrono::steady_clock::now();
    klaude.signal(SIGINT);
    ProcessResult result = klaude.wait();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_EQ(result.exit_code, 130) << result.err;
    EXPECT_THAT(result.err, HasSubstr("cancelled"));
}

TEST_F(ExecE2E, ContinueSendsTheEarlierHistoryBack) {
    TempDir work("klaude-work");
    ReplayServer server(
        {Reply::sse(sse_answer("first answer")), Reply::sse(sse_answer("second answer"))});
    auto env = openai_env(home_.path(), server.base_url() + "/v1");
    auto first = run_klaude({"exec", "-m", "openai/gpt-5.1", "first question"}, env, "",
                            work.path().string());
    ASSERT_EQ(first.exit_code, 0) << first.err;
    auto second =
        run_klaude({"exec", "--continue", "second question"}, env, "", work.path().string());
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(second.out, "second answer\n");
    ASSERT_EQ(server.requests().size(), 2u);
    rapidjson::Document body;
    body.Parse(server.requests()[1].body.c_str());
    const auto& input = body["input"];
    ASSERT_EQ(input.Size(), 3u);
    EXPECT_EQ(std::string(input[0]["content"][0]["text"].GetString()), "first question");
    EXPECT_STREQ(input[1]["role"].GetString(), "assistant");
    EXPECT_EQ(std::string(input[2]["content"][0]["text"].GetString()), "second question");
    // The same session: the same cache key, and `klaude sessions` lists one session.
    rapidjson::Document first_body;
    first_body.Parse(server.requests()[0].body.c_str());
    EXPECT_STREQ(first_body["prompt_cache_key"].GetString(), body["prompt_cache_key"].GetString());
    auto sessions = run_klaude({"sessions"}, env);
    EXPECT_THAT(sessions.out, HasSubstr("first question"));
}

}  // namespace
}  // namespace klaude::testing
