// The `klaude` binary as a user runs it: plugin discovery from the build tree and from
// --plugin-dir, rejected files reported while good providers still work, exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <algorithm>

#include <fstream>

#include "tests/core/plugin/plugin_test_support.h"
#include "tests/core/support/run_klaude.h"

namespace klaude::core {
namespace {

using testing::add_fixture;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::run_klaude;
using testing::TempDir;

class PluginCliTest : public ::testing::Test {
  protected:
    std::map<std::string, std::string> env() const {
        return {{"KLAUDE_HOME", (home_.path() / "home").string()},
                {"KLAUDE_PLUGIN_PATH", ""},
                {"KLAUDE_LOG", ""},
                {"KLAUDE_MODEL", ""}};
    }
    TempDir home_;
    TempDir plugins_;
};

TEST_F(PluginCliTest, PluginsListsTheTwoBundledPlugins) {
    auto result = run_klaude({"plugins"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("dev.klaude.responses"));
    EXPECT_THAT(result.out, HasSubstr("dev.klaude.codex"));
    EXPECT_THAT(result.out, HasSubstr(std::string(KLAUDE_BUILD_PLUGIN_DIR) + "/responses.so"));
    EXPECT_THAT(result.out, HasSubstr("providers: codex"));
    EXPECT_THAT(result.out, Not(HasSubstr("Rejected")));
}

TEST_F(PluginCliTest, BrokenFilesAreReportedAndGoodProvidersStillListed) {
    std::ofstream(plugins_.path() / "empty.so").flush();
    std::ofstream(plugins_.path() / "text.so") << "not a library";
    add_fixture(plugins_.path(), "wrong_major");
    add_fixture(plugins_.path(), "init_throws");
    add_fixture(plugins_.path(), "good_two_providers");
    auto result = run_klaude({"--plugin-dir", plugins_.path().string(), "list"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    for (const char* file : {"empty.so", "text.so", "wrong_major.so", "init_throws.so"}) {
        EXPECT_THAT(result.err, HasSubstr((plugins_.path() / file).string() + " not loaded: "))
            << file;
    }
    EXPECT_THAT(result.err, HasSubstr("empty file (0 bytes)"));
    EXPECT_THAT(result.err, HasSubstr("built for klaude plugin ABI 2."));
    // The fixture's providers get implicit config entries, next to the bundled ones.
    EXPECT_THAT(result.out, AllOf(HasSubstr("fixture-a"), HasSubstr("fixture-b"),
                                  HasSubstr("openai"), HasSubstr("codex")));
}

TEST_F(PluginCliTest, PluginsCommandShowsRejectionsWithReasons) {
    add_fixture(plugins_.path(), "newer_minor");
    auto result = run_klaude({"plugins", "--plugin-dir", plugins_.path().string()}, env());
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_THAT(result.out, HasSubstr("Rejected (1):"));
    EXPECT_THAT(result.out, HasSubstr("newer_minor.so: needs klaude plugin ABI 1.99, this klaude "
                                      "speaks ABI 1.1: update klaude"));
    EXPECT_EQ(result.err, "");
}

TEST_F(PluginCliTest, PluginPathFromTheEnvironment) {
    add_fixture(plugins_.path(), "good_stripped");
    auto e = env();
    e["KLAUDE_PLUGIN_PATH"] = "/nonexistent/dir:" + plugins_.path().string();
    auto result = run_klaude({"plugins"}, e);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_THAT(result.out, HasSubstr("test.stripped"));
    EXPECT_THAT(result.out, HasSubstr("/nonexistent/dir: plugin directory does not exist"));
}

TEST_F(PluginCliTest, ExecStreamsFromAPluginProvider) {
    add_fixture(plugins_.path(), "good_two_providers");
    auto result = run_klaude(
        {"--plugin-dir", plugins_.path().string(), "exec", "-m", "fixture-a/fixture-model", "hi"},
        env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Hello from fixture-a\n");
    EXPECT_THAT(result.err, HasSubstr("tokens: 3 in (0 cached), 2 out (0 reasoning), 5 total"));
}

TEST_F(PluginCliTest, ExecJsonWritesOneObjectPerEvent) {
    add_fixture(plugins_.path(), "good_two_providers");
    auto result = run_klaude({"exec", "--json", "-m", "fixture-b/fixture-model", "--plugin-dir",
                              plugins_.path().string(), "-"},
                             env(), "hello from stdin");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::vector<std::string> lines;
    std::istringstream in(result.out);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    ASSERT_EQ(lines.size(), 5u) << result.out;
    EXPECT_THAT(lines[0], HasSubstr("\"type\":\"session.started\""));
    EXPECT_EQ(lines[1], "{\"type\":\"text.delta\",\"text\":\"Hello from \"}");
    EXPECT_THAT(lines[3], HasSubstr("\"type\":\"usage\",\"input_tokens\":3"));
    EXPECT_THAT(lines[4],
                HasSubstr("\"type\":\"response.completed\",\"response_id\":\"fixture-1\""));
}

TEST_F(PluginCliTest, APluginThatBreaksTheStreamContractCostsOneLineNamingIt) {
    add_fixture(plugins_.path(), "no_completed");
    auto text = run_klaude(
        {"--plugin-dir", plugins_.path().string(), "exec", "-m", "fixture-nocompleted/m", "hi"},
        env());
    EXPECT_EQ(text.exit_code, 1);
    EXPECT_THAT(text.err, HasSubstr("klaude: plugin test.nocompleted broke the ABI contract: its "
                                    "stream returned OK without KLAUDE_EVENT_COMPLETED"));
    // One line of error (the tokens the call used are still reported).
    EXPECT_EQ(text.err.find("klaude:"), text.err.rfind("klaude:")) << text.err;

    // In JSON, the error the host makes itself carries a status and a code like a plugin's.
    auto json = run_klaude({"--plugin-dir", plugins_.path().string(), "exec", "--json", "-m",
                            "fixture-nocompleted/m", "hi"},
                           env());
    EXPECT_EQ(json.exit_code, 1);
    EXPECT_THAT(json.out,
                HasSubstr(R"({"type":"error","status":"protocol",)"
                          R"("code":"plugin_contract","message":"plugin test.nocompleted)"));
}

TEST_F(PluginCliTest, ExitCodes) {
    EXPECT_EQ(run_klaude({"--version"}, env()).exit_code, 0);
    EXPECT_EQ(run_klaude({"--help"}, env()).exit_code, 0);
    auto unknown = run_klaude({"frobnicate"}, env());
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_THAT(unknown.err, HasSubstr("unknown command 'frobnicate'"));
    auto bad_option = run_klaude({"list", "--nope"}, env());
    EXPECT_EQ(bad_option.exit_code, 2);
    EXPECT_THAT(bad_option.err, HasSubstr("unknown option '--nope'"));
    auto bad_model = run_klaude({"exec", "-m", "nope/x", "hi"}, env());
    EXPECT_EQ(bad_model.exit_code, 1);
    EXPECT_THAT(bad_model.err, HasSubstr("nope"));
}

TEST_F(PluginCliTest, AuthOnAProviderWithoutLoginListsTheOnesWithOne) {
    auto result = run_klaude({"auth", "login", "openai"}, env());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("provider 'openai' has no login"));
    auto unknown = run_klaude({"auth", "status", "nosuch"}, env());
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_THAT(unknown.err, HasSubstr("unknown provider 'nosuch'; configured providers: "));
}

TEST_F(PluginCliTest, HomeIsCreatedPrivateAndConfigInitRefusesToOverwrite) {
    auto first = run_klaude({"config", "init"}, env());
    EXPECT_EQ(first.exit_code, 0) << first.err;
    struct stat st {};
    ASSERT_EQ(::stat((home_.path() / "home").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700);
    ASSERT_EQ(::stat((home_.path() / "home" / "config.json").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
    auto second = run_klaude({"config", "init"}, env());
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_THAT(second.err, HasSubstr("--force"));
    EXPECT_EQ(run_klaude({"config", "init", "--force"}, env()).exit_code, 0);
    auto path = run_klaude({"config", "path"}, env());
    EXPECT_EQ(path.out, (home_.path() / "home" / "config.json").string() + "\n");
}

}  // namespace
}  // namespace klaude::core
