// "mcp_servers" in config.json: what is parsed, the defaults, and one clear line per mistake.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/config/config_loader.h"

namespace klaude::core {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Config load(const std::string& text, std::vector<std::string>* warnings_out = nullptr) {
    std::vector<std::string> warnings;
    Config c = load_config_text(text, "/h/config.json", warnings);
    if (warnings_out != nullptr) {
        *warnings_out = warnings;
    }
    return c;
}

std::string error_of(const std::string& text) {
    try {
        load(text);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(McpConfig, NoneByDefault) {
    EXPECT_TRUE(load("{}").mcp_servers.empty());
}

TEST(McpConfig, ParsesAStdioServerWithEveryField) {
    std::vector<std::string> warnings;
    Config c = load(R"({
      // comments are fine
      "mcp_servers": {
        "fs": {"command": ["npx", "-y", "server-filesystem", "/tmp"], "env": {"A_B": "1"},
               "cwd": "/tmp", "enabled": false, "startup_timeout_s": 3, "tool_timeout_s": 7,
               "enabled_tools": ["read_file"], "disabled_tools": ["write_file"],},
        "web": {"url": "https://mcp.example.com/mcp", "headers": {"X-A": "b"},
                "bearer_token_env": "WEB_TOKEN"}
      }})",
                    &warnings);
    EXPECT_TRUE(warnings.empty());
    ASSERT_EQ(c.mcp_servers.size(), 2u);
    const McpServerConfig& fs = c.mcp_servers[0];
    EXPECT_EQ(fs.name, "fs");
    EXPECT_THAT(fs.command, ElementsAre("npx", "-y", "server-filesystem", "/tmp"));
    EXPECT_EQ(fs.env.at("A_B"), "1");
    EXPECT_EQ(fs.cwd.value_or(""), "/tmp");
    EXPECT_FALSE(fs.enabled);
    EXPECT_EQ(fs.startup_timeout_s, 3u);
    EXPECT_EQ(fs.tool_timeout_s, 7u);
    ASSERT_TRUE(fs.enabled_tools);
    EXPECT_THAT(*fs.enabled_tools, ElementsAre("read_file"));
    EXPECT_THAT(fs.disabled_tools, ElementsAre("write_file"));
    EXPECT_TRUE(fs.is_stdio());
    const McpServerConfig& web = c.mcp_servers[1];
    EXPECT_FALSE(web.is_stdio());
    EXPECT_EQ(web.url.value_or(""), "https://mcp.example.com/mcp");
    EXPECT_EQ(web.headers.at("X-A"), "b");
    EXPECT_EQ(web.bearer_token_env.value_or(""), "WEB_TOKEN");
    EXPECT_TRUE(web.enabled);
    EXPECT_EQ(web.startup_timeout_s, 10u);
    EXPECT_EQ(web.tool_timeout_s, 60u);
}

TEST(McpConfig, UnknownKeysWarn) {
    std::vector<std::string> warnings;
    load(R"({"mcp_servers": {"a": {"command": ["x"], "colour": "red"}}})", &warnings);
    EXPECT_THAT(warnings,
                ElementsAre("/h/config.json: mcp_servers.a.colour: unknown key, ignored"));
}

TEST(McpConfig, MistakesAreOneLineNamingTheField) {
    EXPECT_EQ(error_of(R"({"mcp_servers": []})"),
              "/h/config.json: mcp_servers: expected an object {\"NAME\": {\"command\": "
              "[\"prog\", ...]}}");
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a": {"command": "npx server"}}})"),
                HasSubstr("mcp_servers.a.command: expected an array"));
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a": {"command": []}}})"),
                HasSubstr("mcp_servers.a.command: expected a non-empty array"));
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a": {"command": ["x", 1]}}})"),
                HasSubstr("mcp_servers.a.command[1]: expected a string"));
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a": {}}})"),
                HasSubstr("mcp_servers.a.command: missing"));
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a": {"command": ["x"], "url": "https://h/"}}})"),
                HasSubstr("mcp_servers.a: expected either \"command\" (stdio) or \"url\""));
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a b": {"command": ["x"]}}})"),
                HasSubstr("mcp_servers.\"a b\": the server name must be"));
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a__b": {"command": ["x"]}}})"),
                HasSubstr("mcp_servers.a__b: the server name must be"));
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a": {"command": ["x"], "tool_timeout_s": 0}}})"),
                HasSubstr("mcp_servers.a.tool_timeout_s: expected a positive whole number"));
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a": {"command": ["x"], "env": {"A": 1}}}})"),
                HasSubstr("mcp_servers.a.env[\"A\"]: expected a string"));
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a": {"command": ["x"], "enabled": "yes"}}})"),
                HasSubstr("mcp_servers.a.enabled: expected true or false"));
    EXPECT_THAT(error_of(R"({"mcp_servers": {"a": {"url": "ftp://h"}}})"),
                HasSubstr("mcp_servers.a.url: \"ftp://h\" is not a URL"));
    EXPECT_THAT(
        error_of(R"({"mcp_servers": {"a": {"url": "https://h", "bearer_token_env": "a b"}}})"),
        HasSubstr("mcp_servers.a.bearer_token_env:"));
    for (const char* text :
         {R"({"mcp_servers": {"a": {"command": "npx server"}}})", R"({"mcp_servers": {"a": 3}})"}) {
        EXPECT_EQ(error_of(text).find('\n'), std::string::npos);
    }
}

}  // namespace
}  // namespace klaude::core
