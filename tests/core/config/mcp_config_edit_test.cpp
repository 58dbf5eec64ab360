#include "core/config/mcp_config_edit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "core/config/config.h"
#include "core/config/config_loader.h"
#include "tests/support/temp_dir.h"

namespace klaude::core {
namespace {

using ::testing::HasSubstr;

class McpConfigEditTest : public ::testing::Test {
  protected:
    std::filesystem::path file() const { return dir_.path() / "config.json"; }
    void write(const std::string& text) const { std::ofstream(file()) << text; }
    std::string read() const {
        std::ifstream in(file());
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }
    std::string error_of(const std::function<void()>& edit) const {
        try {
            edit();
        } catch (const ConfigError& e) {
            return e.what();
        }
        return "";
    }
    klaude::testing::TempDir dir_;
};

TEST_F(McpConfigEditTest, AddCreatesAPrivateFileThatLoads) {
    McpServerEntry entry;
    entry.name = "fs";
    entry.command = {"npx", "-y", "@modelcontextprotocol/server-filesystem", "/tmp"};
    entry.env = {{"DEBUG", "1"}};
    add_mcp_server(file(), entry);
    struct stat st {};
    ASSERT_EQ(::stat(file().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const Config config = load_config_file(file()).config;
    ASSERT_EQ(config.mcp_servers.size(), 1u);
    EXPECT_EQ(config.mcp_servers[0].name, "fs");
    EXPECT_EQ(config.mcp_servers[0].command, entry.command);
    EXPECT_EQ(config.mcp_servers[0].env.at("DEBUG"), "1");
}

TEST_F(McpConfigEditTest, AddAndRemoveKeepTheUsersComments) {
    const std::string original =
        "// mine\n{\n  \"default_model\": \"gpt-5\", // favourite\n  /* more later */\n}\n";
    write(original);
    McpServerEntry entry;
    entry.name = "docs";
    entry.url = "https://mcp.example.com/mcp";
    entry.headers = {{"X-Team", "core"}};
    entry.bearer_token_env = "DOCS_TOKEN";
    add_mcp_server(file(), entry);
    const std::string added = read();
    EXPECT_THAT(added, HasSubstr("// mine\n"));
    EXPECT_THAT(added, HasSubstr("// favourite"));
    EXPECT_THAT(added, HasSubstr("/* more later */"));
    const Config config = load_config_file(file()).config;
    ASSERT_EQ(config.mcp_servers.size(), 1u);
    EXPECT_EQ(config.mcp_servers[0].url, "https://mcp.example.com/mcp");
    EXPECT_EQ(config.mcp_servers[0].bearer_token_env, "DOCS_TOKEN");
    EXPECT_EQ(config.mcp_servers[0].headers.at("X-Team"), "core");

    remove_mcp_server(file(), "docs");
    EXPECT_TRUE(load_config_file(file()).config.mcp_servers.empty());
    EXPECT_THAT(read(), HasSubstr("\"default_model\": \"gpt-5\", // favourite"));
}

TEST_F(McpConfigEditTest, ABrokenFileIsNeverTouched) {
    const std::string broken = "{\n  \"default_model\": \n}\n";
    write(broken);
    McpServerEntry entry;
    entry.name = "fs";
    entry.command = {"fs"};
    EXPECT_THAT(error_of([&] { add_mcp_server(file(), entry); }),
                HasSubstr("fix the file first (nothing was changed)"));
    EXPECT_EQ(read(), broken);
}

TEST_F(McpConfigEditTest, TakenNamesBadNamesAndAbsentNamesAreOneLine) {
    McpServerEntry entry;
    entry.name = "fs";
    entry.command = {"fs"};
    add_mcp_server(file(), entry);
    const std::string before = read();
    EXPECT_THAT(error_of([&] { add_mcp_server(file(), entry); }),
                HasSubstr("already configured; remove it first: klaude mcp remove fs"));
    entry.name = "has space";
    EXPECT_THAT(error_of([&] { add_mcp_server(file(), entry); }), HasSubstr("nothing was changed"));
    EXPECT_THAT(error_of([&] { remove_mcp_server(file(), "nope"); }),
                HasSubstr("no MCP server named 'nope'"));
    EXPECT_EQ(read(), before);
}

}  // namespace
}  // namespace klaude::core
