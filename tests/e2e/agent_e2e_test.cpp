// The agent end to end (issue 5's "done when"): in a temporary git repository, a scripted
// multi-turn `klaude exec --approval full-auto` run reads a file, applies a multi-hunk patch,
// runs a shell command and answers; the tree must end up exactly as expected.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>

#include "tests/core/support/run_klaude.h"
#include "tests/e2e/calc_scenario.h"
#include "tests/e2e/e2e_test_support.h"
#include "tests/e2e/sse_script.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/plugins/responses/test_pki.h"

namespace klaude::testing {
namespace {

using klaude::responses::testing::ReplayServer;
using klaude::responses::testing::Reply;
using klaude::responses::testing::TestPki;
using ::testing::HasSubstr;

// The function_call_output items of a recorded request, by call id.
class AgentE2E : public ::testing::Test {
  protected:
    AgentE2E() { make_calc_repo(repo_.path()); }
    TempDir home_;
    TempDir repo_{"klaude-repo"};
};

TEST_F(AgentE2E, ReadPatchRunAnswer) {
    ReplayServer server({
        Reply::sse(sse_calls({{"call_read", "read_file", args("path", "src/calc.py")}})),
        Reply::sse(sse_calls({{"call_patch", "apply_patch", args("input", kCalcPatch)}})),
        Reply::sse(sse_calls(
            {{"call_shell", "shell",
              args("command", "printf 'ok\\n' > done.txt && grep -c return src/calc.py")}})),
        Reply::sse(sse_answer("Fixed add and mul in src/calc.py.")),
    });
    auto result =
        run_klaude({"exec", "--approval", "full-auto", "-m", "openai/gpt-5.1",
                    "Fix the arithmetic in src/calc.py"},
                   openai_env(home_.path(), server.base_url() + "/v1"), "", repo_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Fixed add and mul in src/calc.py.\n");

    // Exactly the expected tree.
    expect_calc_fixed(repo_.path());

    // The model saw each tool's result.
    ASSERT_EQ(server.requests().size(), 4u);
    auto outputs = tool_outputs(server.requests()[3].body);
    EXPECT_THAT(outputs["call_read"], HasSubstr("return a - b"));
    EXPECT_THAT(outputs["call_patch"], HasSubstr("src/calc.py"));
    EXPECT_THAT(outputs["call_shell"], HasSubstr("2"));
    // Tool lines went to stderr, not into the answer.
    EXPECT_THAT(result.err, HasSubstr("apply_patch"));
}

// Connections that last: a 20-call agent run over TLS makes every model call on one kept-alive
// connection (one TCP connection, one TLS handshake). bench/keep_alive_bench measures it.
TEST_F(AgentE2E, TwentyCallsOverTlsUseOneConnection) {
    const TestPki pki = TestPki::create();
    {
        std::vector<Reply> replies;
        for (int i = 1; i < 20; ++i) {
            replies.push_back(Reply::sse(sse_calls(
                {{"call_" + std::to_string(i), "read_file", args("path", "README.md")}})));
        }
        replies.push_back(Reply::sse(sse_answer("Read it 19 times.")));
        Poco::Net::Context::Params params;
        params.privateKeyFile = pki.localhost_key;
        params.certificateFile = pki.localhost_cert;
        params.verificationMode = Poco::Net::Context::VERIFY_NONE;
        ReplayServer server(replies,
                            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params));
        write_text(
            home_.path() / "config.json",
            R"({"providers": [{"id": "openai", "options": {"ca_file": ")" + pki.ca + R"("}}]})");
        auto result = run_klaude(
            {"exec", "--approval", "full-auto", "-m", "openai/gpt-5.1", "Read README.md 19 times"},
            openai_env(home_.path(), server.base_url() + "/v1"), "", repo_.path().string());
        EXPECT_EQ(result.exit_code, 0) << result.err;
        EXPECT_EQ(result.out, "Read it 19 times.\n");
        EXPECT_EQ(server.requests().size(), 20u);
        EXPECT_EQ(server.connections(), 1);
    }
    pki.remove();
}

TEST_F(AgentE2E, APatchThatDoesNotApplyTouchesNothing) {
    const std::string bad_patch =
        "*** Begin Patch\n*** Update File: src/calc.py\n@@\n-    return a / b\n+    return 0\n"
        "*** End Patch\n";
    ReplayServer server({
        Reply::sse(sse_calls({{"c1", "apply_patch", args("input", bad_patch)}})),
        Reply::sse(sse_answer("The patch did not apply.")),
    });
    auto result =
        run_klaude({"exec", "--approval", "full-auto", "-m", "openai/gpt-5.1", "go"},
                   openai_env(home_.path(), server.base_url() + "/v1"), "", repo_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(read_text(repo_.path() / "src" / "calc.py"), kCalcBefore);
    ASSERT_EQ(server.requests().size(), 2u);
    EXPECT_FALSE(tool_outputs(server.requests()[1].body)["c1"].empty());
}

TEST_F(AgentE2E, ShellNeedsApprovalAndStdinIsNotATerminal) {
    ReplayServer server({
        Reply::sse(sse_calls({{"c1", "shell", args("command", "touch should-not-exist")}})),
        Reply::sse(sse_answer("I could not run it.")),
    });
    // exec defaults to auto-edit: commands need a yes, which a pipe cannot give.
    auto result =
        run_klaude({"exec", "-m", "openai/gpt-5.1", "run it"},
                   openai_env(home_.path(), server.base_url() + "/v1"), "", repo_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_FALSE(std::filesystem::exists(repo_.path() / "should-not-exist"));
    EXPECT_THAT(result.err, HasSubstr("stdin is not a terminal"));
    EXPECT_EQ(tool_outputs(server.requests()[1].body)["c1"], "denied by user");
}

TEST_F(AgentE2E, MaxTurnsEndsWithExitCodeOne) {
    ReplayServer server({Reply::sse(sse_calls({{"c1", "list_dir", args("path", ".")}}))});
    auto result =
        run_klaude({"exec", "--max-turns", "2", "-m", "openai/gpt-5.1", "loop"},
                   openai_env(home_.path(), server.base_url() + "/v1"), "", repo_.path().string());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, HasSubstr("stopped after 2 model calls (--max-turns)"));
    EXPECT_EQ(server.requests().size(), 2u);
}

// The same scenario against a real endpoint, when enabled: KLAUDE_NETWORK_TESTS=1 and
// OPENAI_API_KEY set (OPENAI_BASE_URL and KLAUDE_NETWORK_MODEL optional).
TEST_F(AgentE2E, NetworkRealModelFixesTheFile) {
    const char* enabled = std::getenv("KLAUDE_NETWORK_TESTS");
    const char* key = std::getenv("OPENAI_API_KEY");
    if (enabled == nullptr || std::string(enabled) != "1" || key == nullptr) {
        GTEST_SKIP() << "set KLAUDE_NETWORK_TESTS=1 and OPENAI_API_KEY to run";
    }
    const char* model = std::getenv("KLAUDE_NETWORK_MODEL");
    std::map<std::string, std::string> env = {{"KLAUDE_HOME", home_.path().string()},
                                              {"KLAUDE_PLUGIN_PATH", ""}};
    auto result = run_klaude(
        {"exec", "--approval", "full-auto", "-m",
         std::string("openai/") + (model != nullptr ? model : "gpt-5.1"),
         "src/calc.py has two bugs: add subtracts and mul adds. Fix both with apply_patch, then "
         "run `grep -c return src/calc.py` and tell me the number."},
        env, "", repo_.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(read_text(repo_.path() / "src" / "calc.py"), kCalcAfter);
    EXPECT_THAT(result.out, HasSubstr("2"));
}

}  // namespace
}  // namespace klaude::testing
