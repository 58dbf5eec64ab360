// What keeps a bad plugin from hurting the user, through the real binary: plugins that crash or
// hang while loading are caught by the child-process scanner (and remembered), files other
// users could have replaced are refused, and `plugins --json` / `--check` report it all.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <set>

#include "klaude/abi/version.h"
#include "tests/core/plugin/plugin_test_support.h"
#include "tests/core/support/run_klaude.h"

namespace klaude::core {
namespace {

using testing::add_fixture;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::run_klaude;
using testing::TempDir;

class PluginSafetyTest : public ::testing::Test {
  protected:
    std::map<std::string, std::string> env() const {
        return {{"KLAUDE_HOME", (home_.path() / "home").string()},
                {"KLAUDE_PLUGIN_PATH", ""},
                {"KLAUDE_PLUGIN_SCAN", ""},
                {"KLAUDE_LOG", ""}};
    }
    std::vector<std::string> with_dir(std::vector<std::string> args) const {
        args.insert(args.begin(), {"--plugin-dir", plugins_.path().string()});
        return args;
    }
    TempDir home_;
    TempDir plugins_;
};

TEST_F(PluginSafetyTest, APluginThatCrashesInInitDoesNotTakeTheHostDown) {
    add_fixture(plugins_.path(), "crash_in_init");
    add_fixture(plugins_.path(), "good_two_providers");
    auto result = run_klaude(with_dir({"list"}), env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.err, HasSubstr("crash_in_init.so not loaded: crashed the plugin scanner"));
    EXPECT_THAT(result.err, HasSubstr("signal 11"));
    EXPECT_THAT(result.out, HasSubstr("fixture-a"));
    EXPECT_THAT(result.out, Not(HasSubstr("fixture-crash")));
    // The verdict is remembered: the cache names the file, and the next run says the same.
    const std::string cache = (home_.path() / "home" / "plugin-scan-cache.json").string();
    std::ifstream in(cache);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_THAT(text, HasSubstr("crash_in_init.so"));
    EXPECT_THAT(text, HasSubstr("\"crashed\""));
    struct stat st {};
    ASSERT_EQ(::stat(cache.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
    auto again = run_klaude(with_dir({"list"}), env());
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_THAT(again.err, HasSubstr("crashed the plugin scanner"));
}

TEST_F(PluginSafetyTest, AConstructorThatCrashesDuringDlopenIsCaughtToo) {
    add_fixture(plugins_.path(), "crash_on_load");
    auto result = run_klaude(with_dir({"plugins"}), env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("crash_on_load.so: crashed the plugin scanner"));
}

TEST_F(PluginSafetyTest, APluginThatHangsInInitIsRefusedAfterTheScanTimeout) {
    add_fixture(plugins_.path(), "hang_in_init");
    auto e = env();
    e["KLAUDE_PLUGIN_SCAN_TIMEOUT_MS"] = "500";
    const auto start = std::chrono::steady_clock::now();
    auto result = run_klaude(with_dir({"plugins"}), e);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_THAT(result.out, HasSubstr("hang_in_init.so: hung for"));
}

TEST_F(PluginSafetyTest, AChangedFileIsScannedAgain) {
    const auto file = add_fixture(plugins_.path(), "crash_in_init", "swapped");
    EXPECT_THAT(run_klaude(with_dir({"plugins"}), env()).out,
                HasSubstr("crashed the plugin scanner"));
    std::filesystem::copy_file(testing::fixture("good_stripped"), file,
                               std::filesystem::copy_options::overwrite_existing);
    auto result = run_klaude(with_dir({"plugins"}), env());
    EXPECT_THAT(result.out, HasSubstr("test.stripped"));
    EXPECT_THAT(result.out, Not(HasSubstr("crashed")));
}

TEST_F(PluginSafetyTest, AWorldWritableFileIsRefusedUnlessAllowed) {
    const auto file = add_fixture(plugins_.path(), "good_stripped");
    std::filesystem::permissions(file, std::filesystem::perms(0666));
    auto result = run_klaude(with_dir({"plugins"}), env());
    EXPECT_THAT(result.out, HasSubstr("is writable by other users (mode 0666): run 'chmod go-w"));
    EXPECT_THAT(result.out, HasSubstr("--allow-insecure-plugins"));
    auto allowed = run_klaude(with_dir({"--allow-insecure-plugins", "plugins"}), env());
    EXPECT_THAT(allowed.out, HasSubstr("test.stripped"));
}

TEST_F(PluginSafetyTest, AWorldWritableDirectoryIsRefused) {
    add_fixture(plugins_.path(), "good_stripped");
    std::filesystem::permissions(plugins_.path(), std::filesystem::perms(0777));
    auto result = run_klaude(with_dir({"plugins"}), env());
    EXPECT_THAT(result.out, HasSubstr("plugin directory " + plugins_.path().string() +
                                      " is writable by other users (mode 0777)"));
}

TEST_F(PluginSafetyTest, AFileOwnedByAnotherUserIsRefused) {
    if (::geteuid() != 0) {
        GTEST_SKIP() << "giving a file to another user needs root";
    }
    const auto file = add_fixture(plugins_.path(), "good_stripped");
    ASSERT_EQ(::chown(file.c_str(), 65534, 65534), 0);
    auto result = run_klaude(with_dir({"plugins"}), env());
    EXPECT_THAT(result.out, HasSubstr("is owned by"));
    EXPECT_THAT(result.out, HasSubstr("uid 65534"));
}

TEST_F(PluginSafetyTest, AHostileCorpusIsReportedFileByFileAndTheHostKeepsWorking) {
    const std::vector<std::string> bad = {
        "no_entry",           "tiny_entry",         "wrong_major",       "newer_minor",
        "init_fails",         "init_throws",        "init_overflow",     "null_factory",
        "no_providers",       "absurd_struct_size", "small_struct_size", "bad_provider_id",
        "unresolved_symbol",  "crash_in_init",      "crash_on_load",     "hang_in_init",
        "duplicate_provider", "duplicate_plugin_id"};
    for (const std::string& name : bad) {
        add_fixture(plugins_.path(), name, "z_" + name);  // after the good one, for duplicates
    }
    add_fixture(plugins_.path(), "good_two_providers", "a_good");
    // Made here: a truncated ELF, another architecture, a world-writable file, a symlink loop.
    const std::string elf = testing::TempDir::read_file(testing::fixture("good_stripped"));
    std::ofstream(plugins_.path() / "z_truncated.so") << elf.substr(0, 40);
    std::string arm = elf;
    arm[18] = static_cast<char>(183);  // e_machine = EM_AARCH64
    arm[19] = 0;
    std::ofstream(plugins_.path() / "z_arm64.so") << arm;
    const auto writable = add_fixture(plugins_.path(), "good_stripped", "z_world_writable");
    std::filesystem::permissions(writable, std::filesystem::perms(0666));
    std::filesystem::create_symlink(plugins_.path() / "z_loop2.so", plugins_.path() / "z_loop1.so");
    std::filesystem::create_symlink(plugins_.path() / "z_loop1.so", plugins_.path() / "z_loop2.so");

    auto e = env();
    e["KLAUDE_PLUGIN_SCAN_TIMEOUT_MS"] = "1000";
    auto result = run_klaude(with_dir({"exec", "-m", "fixture-a/fixture-model", "hi"}), e);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Hello from fixture-a\n");
    const size_t reported = bad.size() + 5;  // + truncated, arm64, writable, two loop links
    size_t lines = 0;
    for (size_t at = result.err.find(" not loaded: "); at != std::string::npos;
         at = result.err.find(" not loaded: ", at + 1)) {
        ++lines;
    }
    EXPECT_EQ(lines, reported) << result.err;
    for (const std::string& name : bad) {
        EXPECT_THAT(result.err, HasSubstr("z_" + name + ".so not loaded: ")) << name;
    }
}

TEST_F(PluginSafetyTest, PluginsJsonFollowsItsSchema) {
    add_fixture(plugins_.path(), "wrong_major");
    auto result = run_klaude(with_dir({"plugins", "--json"}), env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    rapidjson::Document doc;
    ASSERT_FALSE(doc.Parse(result.out.c_str()).HasParseError()) << result.out;
    EXPECT_STREQ(doc["schema"].GetString(), "klaude.plugins/1");
    EXPECT_EQ(doc["host_abi"]["major"].GetUint(), 1u);
    EXPECT_EQ(doc["search_path"][0].GetString(), plugins_.path().string());
    std::set<std::string> ids;
    for (const auto& plugin : doc["plugins"].GetArray()) {
        ids.insert(plugin["id"].GetString());
        for (const auto& provider : plugin["providers"].GetArray()) {
            if (std::string(provider["id"].GetString()) == "codex") {
                EXPECT_TRUE(provider["has_login"].GetBool());
                EXPECT_GT(provider["models"].Size(), 0u);
                EXPECT_GT(provider["models"][0]["context_window"].GetUint(), 0u);
                EXPECT_EQ(std::string(provider["models"][0]["capabilities"][0].GetString()),
                          "reasoning");
            }
        }
    }
    EXPECT_TRUE(ids.count("dev.klaude.responses"));
    EXPECT_TRUE(ids.count("dev.klaude.codex"));
    ASSERT_EQ(doc["rejected"].Size(), 1u);
    EXPECT_THAT(doc["rejected"][0]["reason"].GetString(),
                HasSubstr("built for klaude plugin ABI 2."));
}

TEST_F(PluginSafetyTest, CheckDiagnosesOneFile) {
    const auto good = add_fixture(plugins_.path(), "good_two_providers");
    auto ok = run_klaude({"plugins", "--check", good.string()}, env());
    EXPECT_EQ(ok.exit_code, 0);
    EXPECT_EQ(ok.out, good.string() + ": ok: test.two 1.0.0 (ABI 1." +
                          std::to_string(KLAUDE_ABI_VERSION_MINOR) +
                          "), providers: fixture-a fixture-b\n");
    const auto bad = add_fixture(plugins_.path(), "newer_minor");
    auto refused = run_klaude({"plugins", "--check", bad.string()}, env());
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_EQ(refused.out, bad.string() +
                               ": rejected: needs klaude plugin ABI 1.99, this klaude speaks ABI "
                               "1." +
                               std::to_string(KLAUDE_ABI_VERSION_MINOR) + ": update klaude\n");
}

}  // namespace
}  // namespace klaude::core
