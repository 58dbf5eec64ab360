#include "core/config/config_init.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/config/config_loader.h"
#include "core/config/embedded_config.h"
#include "tests/core/config/test_env.h"

namespace klaude::core {
namespace {

using test::mode_of;
using test::read_file;
using test::TempDir;
using ::testing::HasSubstr;

TEST(ConfigInit, WritesTheExamplePrivatelyIntoANewHome) {
    TempDir tmp;
    const auto home = tmp.path() / "home";
    const auto written = init_config(home, false);
    EXPECT_EQ(written, config_path(home));
    EXPECT_EQ(read_file(written), std::string(example_config()));
    EXPECT_EQ(mode_of(home), 0700u);
    EXPECT_EQ(mode_of(written), 0600u);
    EXPECT_EQ(test::entries_of(home), std::vector<std::string>{"config.json"});
    const LoadedConfig loaded = load_config(home);
    EXPECT_TRUE(loaded.file_found);
    EXPECT_TRUE(loaded.warnings.empty());
}

TEST(ConfigInit, RefusesToOverwriteWithoutForce) {
    TempDir tmp;
    const auto file = config_path(tmp.path());
    test::write_file(file, "{\"default_model\": \"mine\"}");
    try {
        init_config(tmp.path(), false);
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_THAT(e.what(), HasSubstr(file.string()));
        EXPECT_THAT(e.what(), HasSubstr("already exists"));
        EXPECT_THAT(e.what(), HasSubstr("--force"));
    }
    EXPECT_EQ(read_file(file), "{\"default_model\": \"mine\"}");
}

TEST(ConfigInit, ForceReplacesTheFile) {
    TempDir tmp;
    const auto file = config_path(tmp.path());
    test::write_file(file, "{}");
    init_config(tmp.path(), true);
    EXPECT_EQ(read_file(file), std::string(example_config()));
    EXPECT_EQ(mode_of(file), 0600u);
}

}  // namespace
}  // namespace klaude::core
