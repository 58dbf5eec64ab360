// The small pure pieces: provider config parsing, proxy selection from the environment,
// retry-after parsing and backoff, HTTP error messages, rate-limit payloads.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>

#include <map>

#include "klaude/sdk/error.hpp"
#include "plugins/responses/http_errors.h"
#include "plugins/responses/responses_config.h"
#include "plugins/responses/support.h"

namespace klaude::responses {
namespace {

using std::chrono::milliseconds;

TEST(ResponsesConfig, DefaultsAndOverrides) {
    unsetenv("OPENAI_BASE_URL");
    auto c = ResponsesConfig::from_json(R"({"id":"openai","protocol":"responses"})");
    EXPECT_EQ(c.base_url, "https://api.openai.com/v1");
    EXPECT_EQ(c.api_key_env, "OPENAI_API_KEY");
    EXPECT_EQ(c.connect_timeout, milliseconds(15000));
    EXPECT_EQ(c.idle_timeout, milliseconds(300000));
    EXPECT_EQ(c.max_attempts, 4);
    EXPECT_EQ(c.retry_base, milliseconds(200));

    auto d = ResponsesConfig::from_json(
        R"({"id":"x","base_url":"http://h:1/v1/","headers":{"A":"b"},
            "options":{"connect_timeout_ms":5,"idle_timeout_ms":6,"max_attempts":1,
                       "retry_base_ms":7,"ca_file":"/ca.pem","proxy":false,"custom":1}})");
    EXPECT_EQ(d.base_url, "http://h:1/v1");  // trailing slash dropped
    EXPECT_EQ(d.headers, (HeaderList{{"A", "b"}}));
    EXPECT_EQ(d.connect_timeout, milliseconds(5));
    EXPECT_EQ(d.idle_timeout, milliseconds(6));
    EXPECT_EQ(d.max_attempts, 1);
    EXPECT_EQ(d.retry_base, milliseconds(7));
    EXPECT_EQ(d.ca_file, "/ca.pem");
    EXPECT_FALSE(d.use_proxy_env);
    EXPECT_NE(d.options_json.find("\"custom\":1"), std::string::npos);
}

TEST(ResponsesConfig, EnvironmentBeatsConfigAndSubclassDefaultsApply) {
    setenv("KLAUDE_CODEX_BASE_URL_TEST", "http://127.0.0.1:9/codex", 1);
    ResponsesDefaults codex{"https://chatgpt.com/backend-api/codex", "KLAUDE_CODEX_BASE_URL_TEST",
                            ""};
    auto c = ResponsesConfig::from_json(R"({"id":"codex","base_url":"https://ignored"})", codex);
    EXPECT_EQ(c.base_url, "http://127.0.0.1:9/codex");
    EXPECT_EQ(c.api_key_env, "");
    unsetenv("KLAUDE_CODEX_BASE_URL_TEST");
    EXPECT_EQ(ResponsesConfig::from_json(R"({"id":"codex"})", codex).base_url,
              "https://chatgpt.com/backend-api/codex");
}

TEST(ResponsesConfig, BadConfigSaysWhichField) {
    auto expect_bad = [](const std::string& json, const std::string& fragment) {
        try {
            ResponsesConfig::from_json(json);
            ADD_FAILURE() << "accepted " << json;
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_INVALID_ARGUMENT);
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        }
    };
    expect_bad("{", "invalid JSON");
    expect_bad(R"({"base_url":5})", "base_url must be a string");
    expect_bad(R"({"base_url":"ftp://x"})", "must start with http:// or https://");
    expect_bad(R"({"headers":{"a":1}})", "headers.a must be a string");
    expect_bad(R"({"options":{"max_attempts":0}})", "options.max_attempts must be an integer");
    expect_bad(R"({"options":{"idle_timeout_ms":"5"}})", "options.idle_timeout_ms");
    expect_bad(R"({"options":{"proxy":"yes"}})", "options.proxy");
}

EnvLookup fake_env(std::map<std::string, std::string> vars) {
    return [vars](const char* name) {
        auto it = vars.find(name);
        return it == vars.end() ? std::string() : it->second;
    };
}

TEST(ProxyEnv, PicksTheVariableForTheScheme) {
    auto env = fake_env({{"HTTPS_PROXY", "http://proxy:3128"}, {"http_proxy", "plain:8080"}});
    auto https = proxy_for("https", "api.openai.com", 443, env);
    ASSERT_TRUE(https);
    EXPECT_EQ(https->host, "proxy");
    EXPECT_EQ(https->port, 3128);
    auto http = proxy_for("http", "example.com", 80, env);
    ASSERT_TRUE(http);
    EXPECT_EQ(http->host, "plain");
    EXPECT_EQ(http->port, 8080);
    EXPECT_FALSE(proxy_for("https", "x.com", 443, fake_env({})));
}

TEST(ProxyEnv, CredentialsAreDecoded) {
    auto p = proxy_for("https", "api.openai.com", 443,
                       fake_env({{"https_proxy", "http://me:p%40ss@proxy:1"}}));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->username, "me");
    EXPECT_EQ(p->password, "p@ss");
}

TEST(ProxyEnv, NoProxyAndLoopbackBypass) {
    auto env = fake_env({{"HTTPS_PROXY", "http://proxy:3128"},
                         {"NO_PROXY", "internal.corp, .example.com,10.0.0.1,api.x:8443"}});
    EXPECT_FALSE(proxy_for("https", "internal.corp", 443, env));
    EXPECT_FALSE(proxy_for("https", "a.b.internal.corp", 443, env));
    EXPECT_FALSE(proxy_for("https", "example.com", 443, env));
    EXPECT_FALSE(proxy_for("https", "10.0.0.1", 443, env));
    EXPECT_FALSE(proxy_for("https", "api.x", 8443, env));
    EXPECT_TRUE(proxy_for("https", "api.x", 443, env));  // other port
    EXPECT_TRUE(proxy_for("https", "notinternal.corp", 443, env));
    EXPECT_FALSE(proxy_for("https", "127.0.0.1", 443, env));
    EXPECT_FALSE(proxy_for("https", "localhost", 443, env));
    EXPECT_FALSE(proxy_for("https", "::1", 443, env));
    EXPECT_TRUE(no_proxy_matches("*", "anything", 1));
    EXPECT_TRUE(no_proxy_matches("[::2]:443", "::2", 443));
}

TEST(ProxyEnv, HttpsProxyUrlIsRefused) {
    EXPECT_THROW(proxy_for("https", "a.com", 443, fake_env({{"HTTPS_PROXY", "https://p:1"}})),
                 sdk::Error);
}

TEST(ResponsesConfig, RetryOptionsReachThePolicy) {
    auto c = ResponsesConfig::from_json(
        R"({"id":"x","protocol":"responses","options":{"max_attempts":2,"retry_base_ms":50,)"
        R"("max_retry_after_ms":700,"max_retry_total_ms":900}})");
    const support::RetrySettings r = c.retry_settings();
    EXPECT_EQ(r.max_attempts, 2);
    EXPECT_EQ(r.base, milliseconds(50));
    EXPECT_EQ(r.max_retry_after, milliseconds(700));
    EXPECT_EQ(r.max_retry_total, milliseconds(900));
}

TEST(HttpErrors, MessagesPerStatus) {
    EXPECT_EQ(default_http_error_message(401, R"({"error":{"message":"bad key"}})", {}, "K"),
              "authentication failed (HTTP 401): bad key; check the API key in K");
    EXPECT_EQ(default_http_error_message(403, "", {}, ""),
              "access denied (HTTP 403); check your credentials (log in again)");
    EXPECT_EQ(default_http_error_message(400, R"({"detail":"Unsupported model"})", {}, "K"),
              "request rejected (HTTP 400): Unsupported model");
    EXPECT_EQ(default_http_error_message(429, R"({"error":{"message":"slow"}})",
                                         {{"x-ratelimit-reset-requests", "6m0s"}}, "K"),
              "rate limited (HTTP 429): slow; the limit resets in 6m0s");
    EXPECT_EQ(default_http_error_message(502, "<html>bad gateway</html>", {}, "K"),
              "server error (HTTP 502); try again later");
    EXPECT_EQ(default_http_error_message(404, R"({"error":{"message":"no such model"}})", {}, "K"),
              "not found (HTTP 404): no such model; check the model name and base_url");
}

TEST(HttpErrors, OneLine) {
    EXPECT_EQ(one_line("  a\n\n b\tc  "), "a b c");
    EXPECT_EQ(one_line(std::string(10, 'x'), 4), "xxxx…");
    EXPECT_EQ(one_line("\xC3\xA9\xC3\xA9", 3), "\xC3\xA9…");  // not inside a UTF-8 sequence
}

TEST(HttpErrors, RateLimitPayload) {
    EXPECT_EQ(rate_limit_json({{"content-type", "text/event-stream"}}), "");
    std::string json = rate_limit_json({{"x-ratelimit-limit-requests", "500"},
                                        {"x-codex-secondary-used-percent", "7"},
                                        {"content-type", "x"}});
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    ASSERT_TRUE(doc.IsObject()) << json;
    EXPECT_STREQ(doc["headers"]["x-ratelimit-limit-requests"].GetString(), "500");
    EXPECT_FALSE(doc["headers"].HasMember("content-type"));
    EXPECT_DOUBLE_EQ(doc["secondary_used_percent"].GetDouble(), 7.0);
}

}  // namespace
}  // namespace klaude::responses
