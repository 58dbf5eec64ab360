// The real klaude binary against plugins compiled with the frozen v1.0 headers: a v1.0 plugin
// loads, is listed, streams and answers `klaude auth status` in every later 1.x host; plugins
// claiming a newer minor or another major are refused with both versions named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "klaude/abi/version.h"
#include "tests/core/support/run_klaude.h"

namespace {

using klaude::testing::run_klaude;
using ::testing::HasSubstr;
using ::testing::Not;

class FrozenPluginTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "klaude-abi-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        home_ = pattern;
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(home_, ec);
    }
    std::map<std::string, std::string> env() const {
        return {{"KLAUDE_HOME", home_.string()},
                {"KLAUDE_PLUGIN_PATH", ""},
                {"KLAUDE_LOG", ""},
                {"KLAUDE_MODEL", ""}};
    }
    static std::string host_abi() {
        return std::to_string(KLAUDE_ABI_VERSION_MAJOR) + "." +
               std::to_string(KLAUDE_ABI_VERSION_MINOR);
    }
    std::filesystem::path home_;
};

TEST_F(FrozenPluginTest, IsListed) {
    auto result = run_klaude({"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "plugins"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("test.frozen.v1-0 1.0.0  (Frozen ABI 1.0 plugin, ABI 1.0)"));
    EXPECT_THAT(result.out, HasSubstr(std::string("path:      ") + KLAUDE_ABI_FROZEN_PLUGIN_DIR +
                                      "/frozen_v1_0.so"));
    EXPECT_THAT(result.out, HasSubstr("providers: abi10 (with login)"));
    EXPECT_THAT(result.out, Not(HasSubstr("Rejected")));
}

TEST_F(FrozenPluginTest, StreamsThroughExecAndSeesTheHostServices) {
    auto result = run_klaude(
        {"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "exec", "-m", "abi10/abi10-model", "hi"},
        env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out,
              "v1.0 plugin; host klaude ABI " + host_abi() + "; home " + home_.string() + "\n");
    EXPECT_THAT(result.err, HasSubstr("tokens: 7 in (1 cached), 3 out (0 reasoning), 10 total"));
}

// ABI 1.1 added live model catalogs; a 1.0 plugin has no list_models and no catalog_json, so
// its descriptor's static list is what `klaude models` shows, quietly, and what -m PROVIDER
// alone picks.
TEST_F(FrozenPluginTest, ListsItsStaticModelsAndTheyAreItsDefault) {
    auto result =
        run_klaude({"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "models", "abi10"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_THAT(result.out, HasSubstr("abi10 (abi10), the plugin's built-in list:"));
    EXPECT_THAT(result.out, HasSubstr("abi10-model  ABI 1.0 model  4k context"));

    auto exec = run_klaude({"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "exec", "-m", "abi10",
                            "hi"},
                           env());
    EXPECT_EQ(exec.exit_code, 0) << exec.err;
    EXPECT_THAT(exec.out, HasSubstr("v1.0 plugin"));
}

TEST_F(FrozenPluginTest, AuthHookAnswersStatus) {
    auto result = run_klaude(
        {"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "auth", "status", "abi10"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("logged in: account abcd1234\xE2\x80\xA6, plan frozen-plan"));
}

TEST_F(FrozenPluginTest, AuthOptionsFromTheV10DescriptorReachTheHelp) {
    auto result = run_klaude(
        {"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "auth", "login", "abi10", "--help"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("--token TOKEN"));
    EXPECT_THAT(result.out, HasSubstr("a test token"));
}

TEST_F(FrozenPluginTest, NewerMinorAndOtherMajorsAreRefusedNamingBothVersions) {
    auto result = run_klaude({"--plugin-dir", KLAUDE_ABI_REFUSED_PLUGIN_DIR, "plugins"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const std::string dir = KLAUDE_ABI_REFUSED_PLUGIN_DIR;
    EXPECT_THAT(result.out, HasSubstr("Rejected (3):"));
    EXPECT_THAT(result.out, HasSubstr(dir +
                                      "/claims_v1_99.so: needs klaude plugin ABI 1.99, "
                                      "this klaude speaks ABI " +
                                      host_abi() + ": update klaude"));
    for (const char* major : {"2", "0"}) {
        EXPECT_THAT(result.out,
                    HasSubstr(dir + "/claims_v" + major + "_0.so: built for klaude plugin ABI " +
                              major + ".0, this klaude speaks ABI " + host_abi() +
                              ": rebuild the plugin against the klaude " +
                              std::to_string(KLAUDE_ABI_VERSION_MAJOR) + ".x SDK"))
            << major;
    }
    EXPECT_THAT(result.out, Not(HasSubstr("test.frozen.v1-0")));
}

TEST_F(FrozenPluginTest, ARefusedPluginServesNothing) {
    auto result = run_klaude(
        {"--plugin-dir", KLAUDE_ABI_REFUSED_PLUGIN_DIR, "exec", "-m", "abi10/abi10-model", "hi"},
        env());
    EXPECT_NE(result.exit_code, 0);
    EXPECT_EQ(result.out, "");
    EXPECT_THAT(result.err, HasSubstr("claims_v1_99.so not loaded: needs klaude plugin ABI 1.99"));
}

}  // namespace
