#include "core/catalog/catalog_cache.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "tests/support/temp_dir.h"

namespace klaude::core {
namespace {

using ::testing::HasSubstr;

ModelCatalog sample() {
    return parse_catalog(R"({"models":[{"id":"m1","priority":1},{"id":"m2","visibility":"hide"}]})");
}

unsigned mode_of(const std::filesystem::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 0777) : 0;
}

TEST(CatalogCache, StoresAndLoadsPerProviderAndEndpoint) {
    klaude::testing::TempDir home;
    CatalogCache cache(home.path());
    cache.store("codex", "https://a#1", sample(), 1000);
    auto loaded = cache.load("codex", "https://a#1");
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->fetched_at, 1000);
    ASSERT_EQ(loaded->catalog.models.size(), 2u);
    EXPECT_EQ(loaded->catalog.models[0].id, "m1");
    EXPECT_FALSE(loaded->catalog.models[1].listed);
    // Another endpoint's list is a miss, not a wrong answer; another provider has none.
    EXPECT_FALSE(cache.load("codex", "https://b#1").has_value());
    EXPECT_FALSE(cache.load("openai", "https://a#1").has_value());
    // Private: the directory 0700, the file 0600.
    EXPECT_EQ(mode_of(cache.file_for("codex")), 0600u);
    EXPECT_EQ(mode_of(cache.file_for("codex").parent_path()), 0700u);
}

TEST(CatalogCache, ACorruptFileIsAMissWithAReasonAndIsReplacedByTheNextStore) {
    klaude::testing::TempDir home;
    CatalogCache cache(home.path());
    cache.store("codex", "e", sample(), 1);
    for (const char* junk : {"{\"version\":1", "[]", "{\"version\":1,\"endpoint\":\"e\","
                                                      "\"fetched_at\":1,\"catalog\":{\"models\":[]}}"}) {
        std::ofstream(cache.file_for("codex"), std::ios::trunc) << junk;
        std::string problem;
        EXPECT_FALSE(cache.load("codex", "e", &problem).has_value()) << junk;
        EXPECT_THAT(problem, HasSubstr("is unusable")) << junk;
        EXPECT_THAT(problem, HasSubstr("it will be replaced")) << junk;
    }
    cache.store("codex", "e", sample(), 2);
    EXPECT_EQ(cache.load("codex", "e")->fetched_at, 2);
}

TEST(CatalogCache, ProviderIdsAreSafeFileNames) {
    klaude::testing::TempDir home;
    CatalogCache cache(home.path());
    EXPECT_EQ(cache.file_for("../etc/x").filename(), "_.._etc_x.json");
    EXPECT_EQ(cache.file_for("my.provider").filename(), "my.provider.json");
    EXPECT_EQ(cache.file_for("../etc/x").parent_path(), home.path() / "cache" / "models");
}

}  // namespace
}  // namespace klaude::core
