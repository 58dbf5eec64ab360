// ChatConfig: the provider JSON contract.
#include "plugins/chat/chat_config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "klaude/sdk/error.hpp"

namespace klaude::chat {
namespace {

klaude_status_t status_of(const std::string& json) {
    try {
        ChatConfig::from_json(json);
    } catch (const sdk::Error& e) {
        return e.status();
    }
    return KLAUDE_OK;
}

TEST(ChatConfig, DefaultsForALocalServer) {
    const ChatConfig c = ChatConfig::from_json(
        R"({"id":"local","protocol":"chat","base_url":"http://127.0.0.1:11434/v1/"})");
    EXPECT_EQ(c.id, "local");
    EXPECT_EQ(c.base_url, "http://127.0.0.1:11434/v1");
    EXPECT_EQ(c.api_key_env, "");
    EXPECT_TRUE(c.stream_usage);
    EXPECT_EQ(c.instructions_role, "system");
    EXPECT_EQ(c.max_tokens_field, "max_tokens");
    EXPECT_EQ(c.extra_body, "{}");
    EXPECT_TRUE(c.transport.keep_alive);
}

TEST(ChatConfig, OptionsAndHeaders) {
    const ChatConfig c = ChatConfig::from_json(
        R"({"base_url":"https://openrouter.ai/api/v1","api_key_env":"OR_KEY",
            "headers":{"HTTP-Referer":"https://example.org"},
            "options":{"stream_usage":false,"instructions_role":"developer",
                       "max_tokens_field":"max_completion_tokens",
                       "extra_body":{"top_k":20,"provider":{"sort":"price"}},
                       "max_attempts":1,"keep_alive":false}})");
    EXPECT_FALSE(c.stream_usage);
    EXPECT_EQ(c.instructions_role, "developer");
    EXPECT_EQ(c.max_tokens_field, "max_completion_tokens");
    EXPECT_EQ(c.extra_body, R"({"top_k":20,"provider":{"sort":"price"}})");
    EXPECT_EQ(c.transport.retry.max_attempts, 1);
    EXPECT_FALSE(c.transport.keep_alive);
    ASSERT_EQ(c.headers.size(), 1u);
    EXPECT_EQ(c.headers[0].first, "HTTP-Referer");
    EXPECT_EQ(c.api_key_env, "OR_KEY");
}

TEST(ChatConfig, BaseUrlEnvBeatsTheConfig) {
    setenv("KLAUDE_CHAT_TEST_BASE", "http://127.0.0.1:9/v1", 1);
    const ChatConfig c = ChatConfig::from_json(
        R"({"base_url":"http://example.invalid/v1","base_url_env":"KLAUDE_CHAT_TEST_BASE"})");
    unsetenv("KLAUDE_CHAT_TEST_BASE");
    EXPECT_EQ(c.base_url, "http://127.0.0.1:9/v1");
}

TEST(ChatConfig, RefusesWhatItCannotUse) {
    EXPECT_EQ(status_of(R"({"base_url":"ftp://h"})"), KLAUDE_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(status_of(R"({"base_url":"localhost:11434"})"), KLAUDE_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(status_of(R"({"base_url":"http://h","options":{"instructions_role":"user"}})"),
              KLAUDE_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(status_of(R"({"base_url":"http://h","options":{"max_tokens_field":"n"}})"),
              KLAUDE_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(status_of(R"({"base_url":"http://h","options":{"extra_body":[1]}})"),
              KLAUDE_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(status_of(R"({"base_url":"http://h","options":{"stream_usage":"no"}})"),
              KLAUDE_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(status_of("[]"), KLAUDE_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(status_of(R"({"base_url":"http://h","unknown":1})"), KLAUDE_OK);
}

}  // namespace
}  // namespace klaude::chat

namespace klaude::chat {
namespace {

TEST(ChatConfig, WithoutBaseUrlItParsesAndSaysWhatToSet) {
    const ChatConfig c = ChatConfig::from_json(R"({"id":"chat","protocol":"chat"})");
    EXPECT_EQ(c.base_url, "");
    EXPECT_NE(c.missing_base_url().find("has no base_url"), std::string::npos);
}

}  // namespace
}  // namespace klaude::chat
