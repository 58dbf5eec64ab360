// The loader against every kind of plugin file: each bad one is refused with its reason and
// never stops the host; good ones load, whatever else sits in the directory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "core/plugin/loaded_plugin.h"
#include "core/plugin/plugin_registry.h"
#include "klaude/abi/version.h"
#include "tests/core/plugin/plugin_test_support.h"

namespace klaude::core {
namespace {

using testing::add_fixture;
using ::testing::HasSubstr;
using testing::TempDir;

class LoaderTest : public ::testing::Test {
  protected:
    LoaderTest() : host_(testing::test_host_options(home_.path())) {}

    // Loads everything in plugins_ and returns the registry.
    PluginRegistry& discover() {
        registry_ = std::make_unique<PluginRegistry>(host_.host());
        registry_->discover({plugins_.path()}, {plugins_.path()});
        return *registry_;
    }

    // The reason the only rejected file was refused.
    std::string only_rejection() {
        PluginRegistry& registry = discover();
        EXPECT_EQ(registry.rejections().size(), 1u);
        return registry.rejections().empty() ? "" : registry.rejections().front().reason;
    }

    TempDir home_;
    TempDir plugins_;
    HostServices host_;
    std::unique_ptr<PluginRegistry> registry_;
};

TEST_F(LoaderTest, LoadsAPluginWithTwoProviders) {
    add_fixture(plugins_.path(), "good_two_providers");
    PluginRegistry& registry = discover();
    ASSERT_EQ(registry.plugins().size(), 1u);
    EXPECT_TRUE(registry.rejections().empty());
    EXPECT_EQ(registry.plugins()[0]->id(), "test.two");
    ASSERT_NE(registry.find_provider("fixture-a"), nullptr);
    ASSERT_NE(registry.find_provider("fixture-b"), nullptr);
    const auto& models = registry.find_provider("fixture-a")->descriptor->models;
    ASSERT_EQ(models.size(), 1u);
    EXPECT_EQ(models[0].id, "fixture-model");
    EXPECT_EQ(models[0].context_window, 8192u);
}

TEST_F(LoaderTest, LoadsAStrippedPlugin) {
    add_fixture(plugins_.path(), "good_stripped");
    PluginRegistry& registry = discover();
    EXPECT_TRUE(registry.rejections().empty());
    EXPECT_NE(registry.find_provider("fixture-stripped"), nullptr);
}

TEST_F(LoaderTest, RejectsAZeroByteFile) {
    std::ofstream(plugins_.path() / "empty.so").flush();
    EXPECT_EQ(only_rejection(), "empty file (0 bytes)");
}

TEST_F(LoaderTest, RejectsANonElfFile) {
    std::ofstream(plugins_.path() / "notes.so") << "these are not the droids";
    EXPECT_EQ(only_rejection(), "not an ELF file");
}

TEST_F(LoaderTest, RejectsALibraryWithoutTheEntry) {
    add_fixture(plugins_.path(), "no_entry");
    EXPECT_EQ(only_rejection(), "not a klaude plugin: no 'klaude_plugin_entry' symbol");
}

TEST_F(LoaderTest, RejectsAnEntrySymbolOfTheWrongSize) {
    add_fixture(plugins_.path(), "tiny_entry");
    EXPECT_THAT(only_rejection(), HasSubstr("entry symbol is 4 bytes"));
}

TEST_F(LoaderTest, RejectsAnotherMajor) {
    add_fixture(plugins_.path(), "wrong_major");
    // The fixture claims the next major with the current minor.
    const std::string minor = std::to_string(KLAUDE_ABI_VERSION_MINOR);
    EXPECT_EQ(only_rejection(), "built for klaude plugin ABI 2." + minor +
                                    ", this klaude speaks ABI 1." + minor +
                                    ": rebuild the plugin against the klaude 1.x SDK");
}

TEST_F(LoaderTest, RejectsANewerMinorNamingBothVersions) {
    add_fixture(plugins_.path(), "newer_minor");
    EXPECT_EQ(only_rejection(), "needs klaude plugin ABI 1.99, this klaude speaks ABI 1." +
                                    std::to_string(KLAUDE_ABI_VERSION_MINOR) + ": update klaude");
}

TEST_F(LoaderTest, ANewerHostLoadsAnOlderMinorPluginWithASmallerEntry) {
    // The plugin's entry has only the v1.0 fields; a host of minor 7 must accept it.
    auto plugin = LoadedPlugin::load(add_fixture(plugins_.path(), "old_minor"), host_.host(),
                                     klaude_version_t{1, 7, 0});
    EXPECT_EQ(plugin->id(), "test.old");
    EXPECT_EQ(plugin->abi_version().minor, 0u);
}

TEST_F(LoaderTest, RejectsAnAbsurdStructSize) {
    add_fixture(plugins_.path(), "absurd_struct_size");
    EXPECT_THAT(only_rejection(), HasSubstr("entry struct_size 2147483647 is invalid"));
}

TEST_F(LoaderTest, RejectsAStructSizeSmallerThanV1) {
    add_fixture(plugins_.path(), "small_struct_size");
    EXPECT_THAT(only_rejection(), HasSubstr("entry struct_size 16 is invalid"));
}

TEST_F(LoaderTest, RejectsNullFunctions) {
    add_fixture(plugins_.path(), "null_factory");
    EXPECT_EQ(only_rejection(), "entry has a NULL init, deinit or get_factory");
}

TEST_F(LoaderTest, RejectsAFailingInitWithItsMessage) {
    add_fixture(plugins_.path(), "init_fails");
    EXPECT_EQ(only_rejection(), "init failed: fixture refuses to start: no licence");
}

TEST_F(LoaderTest, RejectsAnInitThatThrows) {
    add_fixture(plugins_.path(), "init_throws");
    EXPECT_EQ(only_rejection(), "init failed: init threw an exception across the C ABI");
}

TEST_F(LoaderTest, CatchesAnErrorMessageWrittenPastItsBuffer) {
    add_fixture(plugins_.path(), "init_overflow");
    EXPECT_EQ(only_rejection(), "init failed: init wrote past the end of its error buffer");
}

TEST_F(LoaderTest, RejectsAPluginWithoutProviders) {
    add_fixture(plugins_.path(), "no_providers");
    EXPECT_THAT(only_rejection(), HasSubstr("offers no providers"));
}

TEST_F(LoaderTest, RejectsAnInvalidProviderId) {
    add_fixture(plugins_.path(), "bad_provider_id");
    EXPECT_THAT(only_rejection(), HasSubstr("provider id 'Not A Valid Id!' is not a valid id"));
}

TEST_F(LoaderTest, RejectsAnUnresolvedSymbolAtLoadTime) {
    add_fixture(plugins_.path(), "unresolved_symbol");
    EXPECT_THAT(only_rejection(),
                HasSubstr("undefined symbol: klaude_fixture_function_nobody_defines"));
}

TEST_F(LoaderTest, FirstProviderOfAnIdWinsAndTheSecondIsReported) {
    // Files load in name order: good_two_providers.so before zz_duplicate.so.
    add_fixture(plugins_.path(), "good_two_providers");
    add_fixture(plugins_.path(), "duplicate_provider", "zz_duplicate");
    PluginRegistry& registry = discover();
    ASSERT_EQ(registry.rejections().size(), 1u);
    EXPECT_THAT(registry.rejections()[0].reason,
                HasSubstr("provider 'fixture-a' is already provided by"));
    EXPECT_EQ(registry.find_provider("fixture-a")->plugin->id(), "test.two");
    EXPECT_EQ(registry.plugins().size(), 1u);  // the duplicate offered nothing else
}

TEST_F(LoaderTest, ReportsASecondPluginWithTheSameId) {
    add_fixture(plugins_.path(), "good_two_providers");
    add_fixture(plugins_.path(), "duplicate_plugin_id", "zz_same_id");
    PluginRegistry& registry = discover();
    ASSERT_EQ(registry.rejections().size(), 1u);
    EXPECT_THAT(registry.rejections()[0].reason, HasSubstr("plugin 'test.two' is already loaded"));
}

TEST_F(LoaderTest, ReportsASymlinkLoop) {
    std::filesystem::create_symlink(plugins_.path() / "loop_b.so", plugins_.path() / "loop_a.so");
    std::filesystem::create_symlink(plugins_.path() / "loop_a.so", plugins_.path() / "loop_b.so");
    PluginRegistry& registry = discover();
    ASSERT_EQ(registry.rejections().size(), 2u);
    EXPECT_EQ(registry.rejections()[0].reason, "symlink loop");
}

TEST_F(LoaderTest, ReportsAMissingDirectoryTheUserNamed) {
    PluginRegistry registry(host_.host());
    registry.discover({home_.path() / "nowhere"}, {home_.path() / "nowhere"});
    ASSERT_EQ(registry.rejections().size(), 1u);
    EXPECT_EQ(registry.rejections()[0].reason, "plugin directory does not exist");
}

TEST_F(LoaderTest, IgnoresFilesThatAreNotSharedObjectsByName) {
    std::ofstream(plugins_.path() / "README.txt") << "hello";
    add_fixture(plugins_.path(), "good_two_providers");
    PluginRegistry& registry = discover();
    EXPECT_TRUE(registry.rejections().empty());
    EXPECT_EQ(registry.plugins().size(), 1u);
}

TEST_F(LoaderTest, EveryBadFileIsReportedAndTheGoodOnesStillLoad) {
    for (const char* bad : {"no_entry", "tiny_entry", "wrong_major", "newer_minor", "init_fails",
                            "init_throws", "init_overflow", "null_factory", "no_providers",
                            "absurd_struct_size", "bad_provider_id", "unresolved_symbol"}) {
        add_fixture(plugins_.path(), bad);
    }
    std::ofstream(plugins_.path() / "empty.so").flush();
    std::ofstream(plugins_.path() / "text.so") << "text";
    add_fixture(plugins_.path(), "good_two_providers");
    add_fixture(plugins_.path(), "good_stripped");
    PluginRegistry& registry = discover();
    EXPECT_EQ(registry.rejections().size(), 14u);
    EXPECT_EQ(registry.plugins().size(), 2u);
    EXPECT_NE(registry.find_provider("fixture-a"), nullptr);
    EXPECT_NE(registry.find_provider("fixture-stripped"), nullptr);
}

}  // namespace
}  // namespace klaude::core
