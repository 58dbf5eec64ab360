// The codex provider's live model catalog through the real klaude binary and plugins, against
// a loopback Codex backend that serves a current catalog (issue 10's "done when"): `klaude
// models codex` lists it, `klaude exec` with no -m uses its first listed model and every
// backend request carries `version`, a retired model's 400 becomes one line naming the
// upgrade, and with the backend down the cache answers within the timeout.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <Poco/Net/ServerSocket.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "plugins/codex/auth/token_store.h"
#include "tests/core/support/run_klaude.h"
#include "tests/e2e/e2e_test_support.h"
#include "tests/plugins/codex/fake_codex_backend.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/test_jwt.h"

namespace klaude::testing {
namespace {

using codex::testing::FakeCodexBackend;
using codex::testing::FakeOAuthServer;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kAccount = "acct-fake-000123456";

int64_t now() {
    return static_cast<int64_t>(std::time(nullptr));
}

size_t lines(const std::string& text) {
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

class CodexCatalogE2E : public ::testing::Test {
  protected:
    void SetUp() override {
        codex::TokenSet tokens;
        tokens.access_token = codex::testing::make_access_token(kAccount, now() + 3600);
        tokens.refresh_token = oauth_.issue_refresh_token();
        tokens.account_id = kAccount;
        tokens.plan = "plus";
        tokens.expires_at = now() + 3600;
        codex::KlaudeTokenFile(home_.path()).save(tokens);
    }
    void TearDown() override { EXPECT_EQ(backend_.violations(), std::vector<std::string>{}); }

    std::map<std::string, std::string> env(const std::string& backend_url) const {
        auto e = openai_env(home_.path(), "http://127.0.0.1:9/v1");
        e.erase("OPENAI_API_KEY");  // the openai provider is not signed in here
        e["KLAUDE_CODEX_ISSUER"] = oauth_.issuer();
        e["KLAUDE_CODEX_BASE_URL"] = backend_url;
        e["KLAUDE_CODEX_CLIENT_VERSION"] = "";
        e["CODEX_HOME"] = (home_.path() / "no-codex-cli").string();
        return e;
    }
    std::map<std::string, std::string> env() const { return env(backend_.base_url()); }

    FakeOAuthServer oauth_;
    FakeCodexBackend backend_;
    TempDir home_;
};

TEST_F(CodexCatalogE2E, ModelsListsTheServersCatalogInItsOrder) {
    auto result = run_klaude({"models", "codex"}, env());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_THAT(result.out, HasSubstr("codex (codex), from the server just now:"));
    // Priority order: sol (1), luna (2), terra (3); the default marked.
    const auto sol = result.out.find("*  gpt-6.2-sol");
    const auto luna = result.out.find("gpt-6-luna");
    const auto terra = result.out.find("gpt-6.1-terra");
    ASSERT_NE(sol, std::string::npos) << result.out;
    EXPECT_LT(sol, luna);
    EXPECT_LT(luna, terra);
    EXPECT_THAT(result.out, HasSubstr("500k context  reasoning low*, medium, high, xhigh"));
    // Hidden models are counted, not listed; a model for a newer client is left out.
    EXPECT_THAT(result.out, Not(HasSubstr("codex-auto-review")));
    EXPECT_THAT(result.out, HasSubstr("(2 hidden; --all shows them; they work by id)"));
    EXPECT_THAT(result.out, Not(HasSubstr("gpt-7-preview")));
    EXPECT_EQ(backend_.model_requests(), 1);

    // A second command within the TTL answers from the cache.
    auto again = run_klaude({"models", "codex", "--all"}, env());
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_THAT(again.out, HasSubstr("codex (codex), cached, fetched just now:"));
    EXPECT_THAT(again.out, HasSubstr("codex-auto-review"));
    EXPECT_EQ(backend_.model_requests(), 1);
}

TEST_F(CodexCatalogE2E, ModelsJsonFollowsTheDocumentedSchema) {
    auto result = run_klaude({"models", "codex", "--json"}, env());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    rapidjson::Document doc;
    doc.Parse(result.out.c_str());
    ASSERT_TRUE(doc.IsObject()) << result.out;
    EXPECT_STREQ(doc["schema"].GetString(), "klaude.models/1");
    ASSERT_EQ(doc["providers"].Size(), 1u);
    const auto& codex = doc["providers"][0];
    EXPECT_STREQ(codex["id"].GetString(), "codex");
    EXPECT_STREQ(codex["source"].GetString(), "server");
    EXPECT_TRUE(codex["fetched_at"].IsInt64());
    const auto& first = codex["models"][0];
    EXPECT_STREQ(first["id"].GetString(), "gpt-6.2-sol");
    EXPECT_TRUE(first["default"].GetBool());
    EXPECT_EQ(first["context_window"].GetUint64(), 500000u);
    EXPECT_STREQ(first["default_reasoning_effort"].GetString(), "low");
    EXPECT_STREQ(first["reasoning_efforts"][3].GetString(), "xhigh");
    EXPECT_STREQ(first["visibility"].GetString(), "list");
    // --json lists hidden models too, marked.
    bool hidden_upgrade = false;
    for (const auto& m : codex["models"].GetArray()) {
        if (std::string(m["id"].GetString()) == "gpt-5.1-codex") {
            EXPECT_STREQ(m["visibility"].GetString(), "hide");
            EXPECT_STREQ(m["upgrade"]["model"].GetString(), "gpt-6.2-sol");
            hidden_upgrade = true;
        }
    }
    EXPECT_TRUE(hidden_upgrade);
}

TEST_F(CodexCatalogE2E, ExecWithoutAModelUsesTheFirstListedAndEveryRequestCarriesVersion) {
    auto result = run_klaude({"exec", "hi"}, env(), "", home_.path().string());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Hello from Codex\n");
    rapidjson::Document body;
    body.Parse(backend_.last_request().body.c_str());
    ASSERT_TRUE(body.IsObject());
    EXPECT_STREQ(body["model"].GetString(), "gpt-6.2-sol");
    // The catalog's defaults for the model reach the request.
    EXPECT_STREQ(body["reasoning"]["effort"].GetString(), "low");
    EXPECT_STREQ(body["text"]["verbosity"].GetString(), "low");
    const auto requests = backend_.all_requests();
    ASSERT_EQ(requests.size(), 2u);  // the catalog, then the model call
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].uri, "/backend-api/codex/models?client_version=0.171.0");
    for (const auto& request : requests) {
        EXPECT_EQ(request.headers.at("version"), "0.171.0") << request.uri;
        EXPECT_EQ(request.headers.at("originator"), "codex_exec") << request.uri;
    }
}

TEST_F(CodexCatalogE2E, AModelIsNamedByItsIdAloneOrItsProviderAlone) {
    auto by_id = run_klaude({"exec", "-m", "gpt-6-luna", "hi"}, env(), "", home_.path().string());
    ASSERT_EQ(by_id.exit_code, 0) << by_id.err;
    rapidjson::Document body;
    body.Parse(backend_.last_request().body.c_str());
    EXPECT_STREQ(body["model"].GetString(), "gpt-6-luna");
    EXPECT_STREQ(body["reasoning"]["effort"].GetString(), "medium");  // its own default

    auto by_provider = run_klaude({"exec", "-m", "codex", "hi"}, env(), "", home_.path().string());
    ASSERT_EQ(by_provider.exit_code, 0) << by_provider.err;
    body.Parse(backend_.last_request().body.c_str());
    EXPECT_STREQ(body["model"].GetString(), "gpt-6.2-sol");

    auto unknown =
        run_klaude({"exec", "-m", "gpt-0-nothing", "hi"}, env(), "", home_.path().string());
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(lines(unknown.err), 1u) << unknown.err;
    EXPECT_THAT(unknown.err, HasSubstr("unknown model \"gpt-0-nothing\""));
    EXPECT_THAT(unknown.err, HasSubstr("'klaude models' lists the models"));
}

TEST_F(CodexCatalogE2E, ARetiredModelIsOneLineNamingItsUpgrade) {
    backend_.refuse_model("gpt-5.1-codex");
    auto result =
        run_klaude({"exec", "-m", "codex/gpt-5.1-codex", "hi"}, env(), "", home_.path().string());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(lines(result.err), 1u) << result.err;
    EXPECT_THAT(result.err, HasSubstr("klaude: codex does not serve model 'gpt-5.1-codex'"));
    EXPECT_THAT(result.err, HasSubstr("not supported when using Codex with a ChatGPT account"));
    EXPECT_THAT(result.err, HasSubstr("it was replaced by gpt-6.2-sol: use -m codex/gpt-6.2-sol"));
    EXPECT_THAT(result.err, HasSubstr("'klaude models codex --refresh'"));
    EXPECT_EQ(result.out, "");
}

TEST_F(CodexCatalogE2E, AnUnknownRefusedModelNamesTheListedOnes) {
    backend_.refuse_model("gpt-4-codex-classic");
    auto result = run_klaude({"exec", "-m", "codex/gpt-4-codex-classic", "hi"}, env(), "",
                             home_.path().string());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(lines(result.err), 1u) << result.err;
    EXPECT_THAT(result.err, HasSubstr("models codex lists: gpt-6.2-sol, gpt-6-luna, gpt-6.1-terra"
                                      " (use -m codex/gpt-6.2-sol)"));
}

TEST_F(CodexCatalogE2E, WithTheBackendDownTheCacheAnswersWithinTheTimeout) {
    ASSERT_EQ(run_klaude({"models", "codex"}, env()).exit_code, 0);
    // Every command refreshes (TTL 0) and waits at most one second for the server.
    write_text(home_.path() / "config.json", R"({"catalog_ttl_s": 0, "catalog_timeout_ms": 1000})");
    // A server that accepts connections (the kernel's backlog) and never answers.
    Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
    const std::string dead =
        "http://127.0.0.1:" + std::to_string(silent.address().port()) + "/backend-api/codex";
    // The cache belongs to an endpoint: point the cached one at the silent server.
    const auto started = std::chrono::steady_clock::now();
    auto result = run_klaude({"models", "codex"}, env(dead));
    const auto elapsed = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_LT(elapsed, std::chrono::seconds(5));
    EXPECT_EQ(lines(result.err), 1u) << result.err;
    EXPECT_THAT(result.err, HasSubstr("klaude: note: could not get the models of 'codex'"));
    EXPECT_THAT(result.err, HasSubstr("using the plugin's built-in list"));
    EXPECT_THAT(result.out, HasSubstr("codex (codex), the plugin's built-in list:"));

    // Against the same endpoint as the cache: the cached list, marked as not refreshed.
    backend_.set_catalog("", 503);
    auto cached = run_klaude({"models", "codex"}, env());
    EXPECT_EQ(cached.exit_code, 0) << cached.err;
    EXPECT_EQ(lines(cached.err), 1u) << cached.err;
    EXPECT_THAT(cached.err, HasSubstr("using the list fetched just now"));
    EXPECT_THAT(cached.out, HasSubstr("cached, fetched just now (not refreshed)"));
    EXPECT_THAT(cached.out, HasSubstr("gpt-6-luna"));
}

TEST_F(CodexCatalogE2E, ABrokenCatalogCostsOneLineAndTheBuiltInListIsUsed) {
    backend_.set_catalog(R"({"models":[{"slug":"a"},{"slug":"a"}]})");
    auto duplicate = run_klaude({"models", "codex"}, env());
    EXPECT_EQ(duplicate.exit_code, 0) << duplicate.err;
    EXPECT_EQ(lines(duplicate.err), 1u) << duplicate.err;
    EXPECT_THAT(duplicate.err, HasSubstr("lists model 'a' twice"));
    EXPECT_THAT(duplicate.out, HasSubstr("the plugin's built-in list"));

    backend_.set_catalog("<html>not json</html>");
    auto garbage = run_klaude({"models", "codex"}, env());
    EXPECT_EQ(garbage.exit_code, 0) << garbage.err;
    EXPECT_EQ(lines(garbage.err), 1u) << garbage.err;
    EXPECT_THAT(garbage.err, HasSubstr("could not get the models of 'codex'"));

    backend_.set_catalog(R"({"models":[]})");
    auto empty = run_klaude({"models", "codex"}, env());
    EXPECT_EQ(lines(empty.err), 1u) << empty.err;
    EXPECT_THAT(empty.err, HasSubstr("lists no models"));
}

TEST_F(CodexCatalogE2E, ACorruptCacheFileIsReplaced) {
    write_text(home_.path() / "cache" / "models" / "codex.json", "{\"version\":1,\"catal");
    auto result = run_klaude({"models", "codex"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("from the server just now"));
    EXPECT_THAT(read_text(home_.path() / "cache" / "models" / "codex.json"),
                HasSubstr("gpt-6.2-sol"));
}

}  // namespace
}  // namespace klaude::testing
