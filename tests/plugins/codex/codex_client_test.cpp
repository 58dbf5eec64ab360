#include "plugins/codex/codex_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <cstdlib>
#include <ctime>

#include "plugins/codex/auth/token_store.h"
#include "tests/plugins/codex/fake_codex_backend.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/temp_dir.h"
#include "tests/plugins/codex/test_jwt.h"

namespace klaude::codex {
namespace {

using testing::FakeCodexBackend;
using testing::FakeOAuthServer;
using ::testing::HasSubstr;
using testing::TempDir;

int64_t wall_clock() {
    return static_cast<int64_t>(std::time(nullptr));
}

const char* kRequest = R"({"model":"gpt-5.1-codex","session_id":"sess-42",
  "input":[{"type":"message","role":"user","content":[{"type":"text","text":"hi"}]}],
  "reasoning":{"effort":"low"},"max_output_tokens":100})";

struct Outcome {
    klaude_status_t status = KLAUDE_OK;
    std::string message;
    std::string text;
    std::vector<std::string> rate_limits;
    bool completed = false;
};

class CodexClientTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ::unsetenv("KLAUDE_CODEX_ISSUER");
        ::unsetenv("KLAUDE_CODEX_BASE_URL");
    }
    void TearDown() override {
        EXPECT_EQ(backend.violations(), std::vector<std::string>{});
        EXPECT_EQ(oauth.violations(), std::vector<std::string>{});
    }

    TokenSet sign_in(int64_t expires_in = 3600) {
        TokenSet tokens;
        tokens.access_token =
            testing::make_access_token("acct-fake-000123456", wall_clock() + expires_in);
        tokens.refresh_token = oauth.issue_refresh_token();
        tokens.account_id = "acct-fake-000123456";
        tokens.expires_at = wall_clock() + expires_in;
        KlaudeTokenFile(home.path()).save(tokens);
        return tokens;
    }

    std::string config(const std::string& extra = "") {
        return R"({"id":"codex","protocol":"codex","base_url":")" + backend.base_url() +
               R"(","options":{"issuer":")" + oauth.issuer() +
               R"(","max_attempts":2,"retry_base_ms":10)" + extra + "}}";
    }

    Outcome run(const std::string& request = kRequest, const std::string& config_json = "",
                const std::string& headers_json = "") {
        std::string cfg = config_json.empty() ? config() : config_json;
        if (!headers_json.empty()) {
            cfg.insert(cfg.size() - 1, ",\"headers\":" + headers_json);
        }
        CodexClient client(codex_responses_config(cfg), CodexSettings::from_json(cfg, home.path()),
                           sdk::Host(nullptr), wall_clock);
        Outcome outcome;
        sdk::FunctionSink sink([&](klaude_event_type_t type, std::string_view data) {
            if (type == KLAUDE_EVENT_TEXT_DELTA) {
                outcome.text.append(data);
            } else if (type == KLAUDE_EVENT_RATE_LIMIT) {
                outcome.rate_limits.emplace_back(data);
            } else if (type == KLAUDE_EVENT_COMPLETED) {
                outcome.completed = true;
            }
        });
        try {
            client.stream(request, sink.sink());
        } catch (const sdk::Error& e) {
            outcome.status = e.status();
            outcome.message = e.what();
        }
        return outcome;
    }

    rapidjson::Document last_body() {
        rapidjson::Document doc;
        doc.Parse(backend.last_request().body.c_str());
        return doc;
    }

    FakeOAuthServer oauth;
    FakeCodexBackend backend;
    TempDir home;
};

TEST_F(CodexClientTest, StreamsFollowingEveryHeaderAndBodyRule) {
    const TokenSet tokens = sign_in();
    const Outcome outcome = run();
    ASSERT_EQ(outcome.status, KLAUDE_OK) << outcome.message;
    EXPECT_EQ(outcome.text, "Hello from Codex");
    EXPECT_TRUE(outcome.completed);
    ASSERT_EQ(outcome.rate_limits.size(), 1u);
    EXPECT_THAT(outcome.rate_limits[0], HasSubstr("\"primary_used_percent\":12.5"));

    const auto request = backend.last_request();
    EXPECT_EQ(request.headers.at("authorization"), "Bearer " + tokens.access_token);
    EXPECT_EQ(request.headers.at("chatgpt-account-id"), "acct-fake-000123456");
    EXPECT_EQ(request.headers.at("session-id"), "sess-42");
    EXPECT_EQ(request.headers.at("thread-id"), "sess-42");
    EXPECT_EQ(request.headers.at("version"), "0.171.0");
    EXPECT_EQ(request.headers.at("originator"), "codex_exec");
    EXPECT_THAT(request.headers.at("user-agent"), ::testing::StartsWith("codex_exec/0.171.0 ("));
    EXPECT_THAT(request.headers.at("user-agent"), ::testing::EndsWith(" (codex_exec; 0.171.0)"));
    EXPECT_EQ(request.headers.count("openai-beta"), 0u);
    const rapidjson::Document body = last_body();
    EXPECT_STREQ(body["instructions"].GetString(), CodexInstructions::built_in());
    EXPECT_EQ(oauth.refresh_calls(), 0);
}

TEST_F(CodexClientTest, NotSignedInIsOneClearLine) {
    const Outcome outcome = run();
    EXPECT_EQ(outcome.status, KLAUDE_ERROR_NOT_LOGGED_IN);
    EXPECT_EQ(outcome.message, "Not signed in to ChatGPT. Run 'klaude auth login codex'.");
    EXPECT_EQ(backend.requests(), 0);
}

TEST_F(CodexClientTest, ACorruptTokenFileNamesTheFile) {
    KlaudeTokenFile(home.path()).save_codex_cli_pointer(home.file("missing/auth.json"));
    const Outcome outcome = run();
    EXPECT_EQ(outcome.status, KLAUDE_ERROR_AUTH);
    EXPECT_THAT(outcome.message, HasSubstr(home.file("missing/auth.json")));
    EXPECT_EQ(backend.requests(), 0);
}

TEST_F(CodexClientTest, AnExpiringTokenIsRenewedBeforeTheCall) {
    const TokenSet old = sign_in(120);
    const Outcome outcome = run();
    ASSERT_EQ(outcome.status, KLAUDE_OK) << outcome.message;
    EXPECT_EQ(oauth.refresh_calls(), 1);
    EXPECT_EQ(backend.requests(), 1);
    EXPECT_EQ(backend.last_request().headers.at("authorization"),
              "Bearer " + oauth.last_access_token());
    EXPECT_EQ(KlaudeTokenFile(home.path()).load()->refresh_token, oauth.last_refresh_token());
}

TEST_F(CodexClientTest, A401RenewsAndRetriesOnce) {
    const TokenSet tokens = sign_in();
    backend.reject_token(tokens.access_token);
    const Outcome outcome = run();
    ASSERT_EQ(outcome.status, KLAUDE_OK) << outcome.message;
    EXPECT_EQ(outcome.text, "Hello from Codex");
    EXPECT_EQ(oauth.refresh_calls(), 1);
    EXPECT_EQ(backend.requests(), 2);
    EXPECT_EQ(backend.last_request().headers.at("authorization"),
              "Bearer " + oauth.last_access_token());
}

TEST_F(CodexClientTest, A401AfterRenewalGivesUpWithSignInAgain) {
    sign_in();
    backend.reject_every_token();
    const Outcome outcome = run();
    EXPECT_EQ(outcome.status, KLAUDE_ERROR_AUTH);
    EXPECT_THAT(outcome.message, HasSubstr("klaude auth login codex"));
    EXPECT_EQ(oauth.refresh_calls(), 1);
    EXPECT_EQ(backend.requests(), 2);
}

TEST_F(CodexClientTest, ARefusedRenewalAfterA401SaysSignInAgain) {
    const TokenSet tokens = sign_in();
    backend.reject_token(tokens.access_token);
    oauth.fail_next_refresh(401, R"({"error":{"code":"refresh_token_reused"}})");
    const Outcome outcome = run();
    EXPECT_EQ(outcome.status, KLAUDE_ERROR_AUTH);
    EXPECT_THAT(outcome.message, HasSubstr("Sign in again: klaude auth login codex"));
    EXPECT_THAT(outcome.message, ::testing::Not(HasSubstr(tokens.refresh_token)));
    EXPECT_EQ(backend.requests(), 1);
}

TEST_F(CodexClientTest, UsageLimitNamesThePlanAndTheResetTime) {
    sign_in();
    backend.fail_next(429, R"({"error":{"type":"usage_limit_reached","message":"limit",)"
                           R"("plan_type":"plus","resets_in_seconds":5400}})");
    const Outcome outcome = run();
    EXPECT_EQ(outcome.status, KLAUDE_ERROR_RATE_LIMITED);
    EXPECT_THAT(outcome.message, HasSubstr("ChatGPT plus plan"));
    EXPECT_THAT(outcome.message, HasSubstr("resets at"));
    EXPECT_THAT(outcome.message, HasSubstr("(in 1 h 30 min)"));
    EXPECT_EQ(backend.requests(), 1);  // a usage limit is not retried
}

TEST_F(CodexClientTest, ConfiguredModelInstructionsWinAndTheCallersMoveToInput) {
    sign_in();
    const std::string request = R"({"model":"gpt-5.1-codex","instructions":"mine",
      "input":[{"type":"message","role":"user","content":[{"type":"text","text":"hi"}]}]})";
    const Outcome outcome =
        run(request,
            config(R"(,"instructions":"ALL","model_instructions":{"gpt-5.1-codex":"OFFICIAL"})"));
    ASSERT_EQ(outcome.status, KLAUDE_OK) << outcome.message;
    const rapidjson::Document body = last_body();
    EXPECT_STREQ(body["instructions"].GetString(), "OFFICIAL");
    ASSERT_EQ(body["input"].Size(), 2u);
    EXPECT_STREQ(body["input"][0]["role"].GetString(), "developer");
    EXPECT_STREQ(body["input"][0]["content"][0]["text"].GetString(), "mine");
    EXPECT_STREQ(body["input"][1]["role"].GetString(), "user");
    // A request without a session id still gets one.
    EXPECT_FALSE(backend.last_request().headers.at("session-id").empty());
}

TEST_F(CodexClientTest, TheCallersInstructionsAreUsedWhenNoneAreConfigured) {
    sign_in();
    const Outcome outcome = run(R"({"model":"m","instructions":"be brief","input":[]})");
    ASSERT_EQ(outcome.status, KLAUDE_OK) << outcome.message;
    EXPECT_STREQ(last_body()["instructions"].GetString(), "be brief");
}

TEST_F(CodexClientTest, ConfiguredHeadersOverrideTheClientsOwn) {
    sign_in();
    const Outcome outcome = run(kRequest, "", R"({"User-Agent":"custom/1"})");
    ASSERT_EQ(outcome.status, KLAUDE_OK) << outcome.message;
    EXPECT_EQ(backend.last_request().headers.at("user-agent"), "custom/1");
}

TEST_F(CodexClientTest, TheEnvironmentMovesTheBackend) {
    sign_in();
    ::setenv("KLAUDE_CODEX_BASE_URL", backend.base_url().c_str(), 1);
    const std::string cfg = R"({"id":"codex","protocol":"codex","base_url":"http://127.0.0.1:9",)"
                            R"("options":{"issuer":")" +
                            oauth.issuer() + R"("}})";
    const Outcome outcome = run(kRequest, cfg);
    ::unsetenv("KLAUDE_CODEX_BASE_URL");
    ASSERT_EQ(outcome.status, KLAUDE_OK) << outcome.message;
    EXPECT_EQ(backend.requests(), 1);
}

TEST(UsageLimitMessage, ReadsResetsAtOrResetsIn) {
    EXPECT_EQ(usage_limit_message(R"({"error":{"type":"other"}})", 0), "");
    EXPECT_EQ(usage_limit_message("not json", 0), "");
    const std::string at = usage_limit_message(
        R"({"error":{"code":"usage_limit_reached","resets_at":1000030}})", 1000000);
    EXPECT_THAT(at, HasSubstr("ChatGPT plan"));
    EXPECT_THAT(at, HasSubstr("under a minute"));
}

}  // namespace
}  // namespace klaude::codex
