// AnthropicConfig::from_json: the defaults that make the implicit provider work, the
// environment's base URL, options, and one-line errors for malformed values.
#include "plugins/anthropic/anthropic_config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "klaude/sdk/error.hpp"

namespace klaude::anthropic {
namespace {

TEST(AnthropicConfig, AnEmptyConfigTalksToAnthropicWithTheStandardVariables) {
    unsetenv("ANTHROPIC_BASE_URL");
    const AnthropicConfig c =
        AnthropicConfig::from_json(R"({"id":"anthropic","protocol":"anthropic"})");
    EXPECT_EQ(c.base_url, "https://api.anthropic.com");
    EXPECT_EQ(c.api_key_env, "ANTHROPIC_API_KEY");
    EXPECT_EQ(c.base_url_env, "ANTHROPIC_BASE_URL");
    EXPECT_EQ(c.anthropic_version, "2023-06-01");
    EXPECT_TRUE(c.prompt_caching);
    EXPECT_FALSE(c.max_tokens.has_value());
    EXPECT_EQ(c.thinking_budgets.at("low"), 1024);
    EXPECT_EQ(c.thinking_budgets.at("medium"), 4096);
    EXPECT_EQ(c.thinking_budgets.at("high"), 16384);
    EXPECT_EQ(c.thinking_budgets.at("xhigh"), 32000);
    EXPECT_EQ(c.thinking_budgets.count("none"), 0u);
}

TEST(AnthropicConfig, TheBaseUrlVariableWinsAndTrailingSlashesGo) {
    setenv("KLAUDE_ANTHROPIC_TEST_BASE", "http://127.0.0.1:9/", 1);
    const AnthropicConfig c = AnthropicConfig::from_json(
        R"({"base_url":"https://proxy.example/anthropic/","base_url_env":"KLAUDE_ANTHROPIC_TEST_BASE"})");
    EXPECT_EQ(c.base_url, "http://127.0.0.1:9");
    unsetenv("KLAUDE_ANTHROPIC_TEST_BASE");
    EXPECT_EQ(
        AnthropicConfig::from_json(
            R"({"base_url":"https://proxy.example/anthropic/","base_url_env":"KLAUDE_ANTHROPIC_TEST_BASE"})")
            .base_url,
        "https://proxy.example/anthropic");
}

TEST(AnthropicConfig, Options) {
    const AnthropicConfig c = AnthropicConfig::from_json(
        R"({"api_key_env":"MY_KEY","headers":{"anthropic-beta":"x"},"options":{
            "anthropic_version":"2024-01-01","max_tokens":1000,"prompt_caching":false,
            "thinking_budgets":{"high":20000,"low":0,"huge":64000},"max_attempts":2,
            "retry_base_ms":1,"keep_alive":false}})");
    EXPECT_EQ(c.api_key_env, "MY_KEY");
    ASSERT_EQ(c.headers.size(), 1u);
    EXPECT_EQ(c.headers[0].first, "anthropic-beta");
    EXPECT_EQ(c.anthropic_version, "2024-01-01");
    EXPECT_EQ(c.max_tokens, 1000);
    EXPECT_FALSE(c.prompt_caching);
    EXPECT_EQ(c.thinking_budgets.at("high"), 20000);
    EXPECT_EQ(c.thinking_budgets.count("low"), 0u);  // 0 turns that effort's thinking off
    EXPECT_EQ(c.thinking_budgets.at("huge"), 64000);
    EXPECT_EQ(c.transport.retry.max_attempts, 2);
    EXPECT_EQ(c.transport.retry.base.count(), 1);
    EXPECT_FALSE(c.transport.keep_alive);
}

TEST(AnthropicConfig, MalformedValuesAreOneLineErrors) {
    const std::pair<const char*, const char*> cases[] = {
        {"[", "invalid JSON"},
        {R"({"base_url":"api.anthropic.com"})", "must start with http:// or https://"},
        {R"({"headers":{"a":1}})", "headers.a must be a string"},
        {R"({"options":{"max_tokens":0}})", "options.max_tokens must be an integer"},
        {R"({"options":{"prompt_caching":"yes"}})", "options.prompt_caching must be true or false"},
        {R"({"options":{"thinking_budgets":{"low":100}}})",
         "options.thinking_budgets.low must be an integer from 1024"},
        {R"({"options":{"thinking_budgets":[]}})", "options.thinking_budgets must be an object"},
        {R"({"options":{"anthropic_version":3}})", "options.anthropic_version must be a string"},
    };
    for (const auto& [json, part] : cases) {
        try {
            AnthropicConfig::from_json(json);
            ADD_FAILURE() << json;
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_INVALID_ARGUMENT) << json;
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace klaude::anthropic
