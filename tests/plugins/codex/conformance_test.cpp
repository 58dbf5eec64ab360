// klaude's requests to the Codex backend held against what the reference client, Codex CLI
// 0.171.0, sends (the golden capture in golden/codex-cli-0.171.0/, made as its README says):
// the models request and a responses request, header by header (secrets and ids masked the
// way the capture masks them) and body key by body key. Every difference klaude keeps on
// purpose is listed below AND must be explained in docs/codex.md ("Differences from the Codex
// CLI"), which this test reads: a new difference fails here until it is documented.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "plugins/codex/auth/token_store.h"
#include "plugins/codex/codex_client.h"
#include "tests/plugins/codex/fake_codex_backend.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/temp_dir.h"
#include "tests/plugins/codex/test_jwt.h"

namespace klaude::codex {
namespace {

using testing::FakeCodexBackend;
using testing::FakeOAuthServer;
using testing::TempDir;

// Headers the Codex CLI sends and klaude does not, or sends otherwise. Each name appears in
// docs/codex.md with its reason.
const std::set<std::string> kHeadersKeptDifferent = {
    "accept-encoding",        // klaude asks for and sends plain bodies
    "content-encoding",       // (zstd request bodies)
    "x-codex-beta-features",  // Codex CLI features klaude does not have
    "x-codex-window-id",      // Codex CLI telemetry
    "x-codex-turn-metadata",  // Codex CLI telemetry
    "x-codex-routing-hint",   // Codex CLI routing of its own requests
    "host",                   // the port of the recording server
    "content-length",         // another body
};
// Body keys likewise.
const std::set<std::string> kBodyKeysKeptDifferent = {
    "client_metadata",  // Codex CLI telemetry
    "instructions",     // klaude's system prompt: top-level instructions, not an input item
};

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

rapidjson::Document golden(const char* name) {
    rapidjson::Document doc;
    doc.Parse(read_file(std::string(KLAUDE_GOLDEN_DIR) + "/" + name).c_str());
    EXPECT_TRUE(doc.IsObject()) << name;
    return doc;
}

// The capture's masking, applied to what klaude sent.
std::string masked(const std::string& name, const std::string& value) {
    if (name == "authorization") {
        return "Bearer <access_token>";
    }
    if (name == "chatgpt-account-id") {
        return "<account_id>";
    }
    static const std::regex kUuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    return std::regex_replace(value, kUuid, "<uuid>");
}

// The platform part of a User-Agent differs from machine to machine: compare its form.
std::string platform_free(const std::string& user_agent) {
    static const std::regex kPlatform(R"(^([a-z_]+/[0-9.]+) \([^;()]+; [^()]+\) \S+)");
    return std::regex_replace(user_agent, kPlatform, "$1 (<os>; <arch>) <terminal>");
}

class ConformanceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ::unsetenv("KLAUDE_CODEX_ISSUER");
        ::unsetenv("KLAUDE_CODEX_BASE_URL");
        ::unsetenv("KLAUDE_CODEX_CLIENT_VERSION");
        TokenSet tokens;
        tokens.access_token = testing::make_access_token(
            "acct-fake-000123456", static_cast<int64_t>(std::time(nullptr)) + 3600);
        tokens.refresh_token = oauth.issue_refresh_token();
        tokens.account_id = "acct-fake-000123456";
        tokens.expires_at = static_cast<int64_t>(std::time(nullptr)) + 3600;
        KlaudeTokenFile(home.path()).save(tokens);
        const std::string cfg = R"({"id":"codex","protocol":"codex","base_url":")" +
                                backend.base_url() + R"(","options":{"issuer":")" +
                                oauth.issuer() + R"("}})";
        client = std::make_unique<CodexClient>(codex_responses_config(cfg),
                                               CodexSettings::from_json(cfg, home.path()),
                                               sdk::Host(nullptr), [] {
                                                   return static_cast<int64_t>(std::time(nullptr));
                                               });
    }
    void TearDown() override { EXPECT_EQ(backend.violations(), std::vector<std::string>{}); }

    // Compares the request's headers with the golden ones.
    void expect_headers_match(const FakeCodexBackend::Request& sent, const rapidjson::Value& gold) {
        std::set<std::string> golden_names;
        for (const auto& h : gold["headers"].GetObject()) {
            const std::string name = h.name.GetString();
            golden_names.insert(name);
            if (kHeadersKeptDifferent.count(name) != 0) {
                continue;
            }
            auto it = sent.headers.find(name);
            if (it == sent.headers.end()) {
                ADD_FAILURE() << "klaude does not send '" << name << "' (Codex CLI: "
                              << h.value.GetString() << ")";
                continue;
            }
            std::string want = h.value.GetString();
            std::string got = masked(name, it->second);
            if (name == "user-agent") {
                want = platform_free(want);
                got = platform_free(got);
            }
            EXPECT_EQ(got, want) << name;
        }
        for (const auto& [name, value] : sent.headers) {
            if (golden_names.count(name) == 0 && kHeadersKeptDifferent.count(name) == 0) {
                ADD_FAILURE() << "klaude sends '" << name << ": " << value
                              << "', which the Codex CLI does not";
            }
        }
    }

    FakeOAuthServer oauth;
    FakeCodexBackend backend;
    TempDir home;
    std::unique_ptr<CodexClient> client;
};

TEST_F(ConformanceTest, TheModelsRequestIsTheCodexClis) {
    const rapidjson::Document gold = golden("models_request.json");
    client->list_models(std::chrono::seconds(5));
    const auto requests = backend.all_requests();
    ASSERT_EQ(requests.size(), 1u);
    const std::string expected_uri = std::string(gold["path"].GetString()) +
                                     "?client_version=" +
                                     gold["query"]["client_version"].GetString();
    EXPECT_EQ(requests[0].method, gold["method"].GetString());
    EXPECT_EQ(requests[0].uri, expected_uri);
    expect_headers_match(requests[0], gold);
}

TEST_F(ConformanceTest, TheResponsesRequestIsTheCodexClis) {
    const rapidjson::Document gold = golden("responses_request.json");
    // What `codex exec "hello"` asked: a user message, tools, medium effort, low verbosity.
    const std::string request = R"({"model":"gpt-5.5",
      "session_id":"0b6f9c1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e",
      "input":[{"type":"message","role":"user","content":[{"type":"text","text":"hello"}]}],
      "tools":[{"name":"shell","description":"run","parameters":{"type":"object"}}],
      "parallel_tool_calls":true,"reasoning":{"effort":"medium"},"verbosity":"low"})";
    sdk::FunctionSink sink([](klaude_event_type_t, std::string_view) {});
    client->stream(request, sink.sink());
    const auto sent = backend.last_request();
    expect_headers_match(sent, gold);

    rapidjson::Document body;
    body.Parse(sent.body.c_str());
    ASSERT_TRUE(body.IsObject());
    std::set<std::string> golden_keys;
    for (const auto& key : gold["body_keys"].GetArray()) {
        golden_keys.insert(key.GetString());
        if (kBodyKeysKeptDifferent.count(key.GetString()) == 0) {
            EXPECT_TRUE(body.HasMember(key.GetString())) << "body lacks " << key.GetString();
        }
    }
    for (const auto& member : body.GetObject()) {
        const std::string key = member.name.GetString();
        EXPECT_TRUE(golden_keys.count(key) != 0 || kBodyKeysKeptDifferent.count(key) != 0)
            << "klaude sends body key '" << key << "', which the Codex CLI does not";
    }
    // The values the capture shows for the same request.
    const auto& gold_body = gold["body"];
    EXPECT_EQ(body["store"].GetBool(), gold_body["store"].GetBool());
    EXPECT_EQ(body["stream"].GetBool(), gold_body["stream"].GetBool());
    EXPECT_STREQ(body["include"][0].GetString(), gold_body["include"][0].GetString());
    EXPECT_STREQ(body["reasoning"]["effort"].GetString(), gold_body["reasoning"]["effort"].GetString());
    EXPECT_STREQ(body["text"]["verbosity"].GetString(), gold_body["text"]["verbosity"].GetString());
    EXPECT_STREQ(body["tool_choice"].GetString(), gold_body["tool_choice"].GetString());
    EXPECT_STREQ(body["prompt_cache_key"].GetString(), "0b6f9c1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e");
}

TEST_F(ConformanceTest, EveryDifferenceKeptOnPurposeIsExplainedInTheDocs) {
    const std::string docs = read_file(KLAUDE_CODEX_DOC);
    const auto section = docs.find("## Differences from the Codex CLI");
    ASSERT_NE(section, std::string::npos) << "docs/codex.md has no differences section";
    const std::string text = docs.substr(section);
    for (const auto* names : {&kHeadersKeptDifferent, &kBodyKeysKeptDifferent}) {
        for (const std::string& name : *names) {
            EXPECT_NE(text.find("`" + name + "`"), std::string::npos)
                << "docs/codex.md does not explain `" << name << "`";
        }
    }
}

}  // namespace
}  // namespace klaude::codex
