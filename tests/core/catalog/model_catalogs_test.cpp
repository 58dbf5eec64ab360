#include "core/catalog/model_catalogs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/plugin/plugin_client.h"
#include "klaude/abi/provider.h"
#include "tests/support/temp_dir.h"

namespace klaude::core {
namespace {

using ::testing::_;
using ::testing::HasSubstr;
using ::testing::MockFunction;
using ::testing::Return;
using ::testing::Throw;

constexpr const char* kLive = R"({"models":[{"id":"live-1","priority":1},{"id":"live-2"}]})";

class ModelCatalogsTest : public ::testing::Test {
  protected:
    ModelCatalogsTest() {
        provider.id = "codex";
        provider.protocol = "codex";
        provider.base_url = "https://backend.test/codex";
        descriptor.id = "codex";
        descriptor.models = {{"static-1", "Static 1", 1000, 10, KLAUDE_MODEL_REASONING}};
    }

    ModelCatalogs catalogs(int64_t ttl_s = 300) {
        ModelCatalogs::Settings settings;
        settings.ttl = std::chrono::seconds(ttl_s);
        settings.timeout = std::chrono::milliseconds(1234);
        return ModelCatalogs(
            CatalogCache(home.path()),
            [this](const ProviderConfig& p, std::chrono::milliseconds timeout) {
                EXPECT_EQ(timeout.count(), 1234);
                return fetch.Call(p.id);
            },
            [this] { return clock; }, settings);
    }

    klaude::testing::TempDir home;
    MockFunction<std::string(const std::string&)> fetch;
    int64_t clock = 10000;
    ProviderConfig provider;
    ProviderDescriptor descriptor;
};

TEST_F(ModelCatalogsTest, AskTheServerOnceAndKeepTheAnswerForTheTtl) {
    EXPECT_CALL(fetch, Call("codex")).Times(1).WillOnce(Return(kLive));
    {
        auto c = catalogs();
        const ProviderCatalog& first = c.get(provider, &descriptor);
        EXPECT_EQ(first.source, CatalogSource::kServer);
        EXPECT_EQ(first.catalog.first_listed()->id, "live-1");
        EXPECT_EQ(first.note, "");
        // Within one command: looked up once.
        EXPECT_EQ(&c.get(provider, &descriptor), &first);
    }
    clock += 299;
    auto c = catalogs();
    const ProviderCatalog& cached = c.get(provider, &descriptor);
    EXPECT_EQ(cached.source, CatalogSource::kCache);
    EXPECT_EQ(cached.fetched_at, 10000);
    EXPECT_EQ(cached.catalog.models.size(), 2u);
}

TEST_F(ModelCatalogsTest, AnOldCacheIsRefreshedAndRefreshSkipsAYoungOne) {
    EXPECT_CALL(fetch, Call("codex"))
        .WillOnce(Return(kLive))
        .WillOnce(Return(R"({"models":[{"id":"newer"}]})"))
        .WillOnce(Return(R"({"models":[{"id":"newest"}]})"));
    catalogs().get(provider, &descriptor);
    clock += 300;
    EXPECT_EQ(catalogs().get(provider, &descriptor).catalog.models[0].id, "newer");
    EXPECT_EQ(catalogs().get(provider, &descriptor, /*refresh=*/true).catalog.models[0].id,
              "newest");
}

TEST_F(ModelCatalogsTest, ADeadServerFallsBackToTheOldCacheWithANote) {
    EXPECT_CALL(fetch, Call("codex"))
        .WillOnce(Return(kLive))
        .WillOnce(Throw(PluginError(KLAUDE_ERROR_TIMEOUT, "no answer within 1234 ms")));
    catalogs().get(provider, &descriptor);
    clock += 7200;
    auto c = catalogs();
    const ProviderCatalog& stale = c.get(provider, &descriptor);
    EXPECT_EQ(stale.source, CatalogSource::kStaleCache);
    EXPECT_EQ(stale.catalog.first_listed()->id, "live-1");
    EXPECT_EQ(stale.note,
              "could not get the models of 'codex' (no answer within 1234 ms); using the list "
              "fetched 2 h ago");
}

TEST_F(ModelCatalogsTest, WithoutACacheThePluginsBuiltInCatalogThenItsModelList) {
    EXPECT_CALL(fetch, Call("codex"))
        .WillRepeatedly(Throw(PluginError(KLAUDE_ERROR_NETWORK, "cannot connect")));
    const ProviderCatalog list = catalogs().get(provider, &descriptor);
    EXPECT_EQ(list.source, CatalogSource::kPlugin);
    ASSERT_EQ(list.catalog.models.size(), 1u);
    EXPECT_EQ(list.catalog.models[0].id, "static-1");
    EXPECT_EQ(list.catalog.models[0].context_window, 1000u);
    EXPECT_TRUE(list.catalog.models[0].has_capability("reasoning"));
    EXPECT_EQ(list.note,
              "could not get the models of 'codex' (cannot connect); using the plugin's built-in "
              "list");

    descriptor.catalog_json = R"({"models":[{"id":"bundled-1","visibility":"hide"},
                                             {"id":"bundled-2"}]})";
    const ProviderCatalog bundled = catalogs().get(provider, &descriptor);
    EXPECT_EQ(bundled.catalog.first_listed()->id, "bundled-2");

    descriptor.catalog_json = "{broken";
    EXPECT_EQ(catalogs().get(provider, &descriptor).catalog.models[0].id, "static-1");
}

TEST_F(ModelCatalogsTest, ProvidersThatCannotListOrHaveNoUsableSignInFallBackQuietly) {
    EXPECT_CALL(fetch, Call("codex"))
        .WillOnce(Throw(PluginError(KLAUDE_ERROR_UNSUPPORTED, "ABI 1.0 plugin")))
        .WillOnce(Throw(PluginError(KLAUDE_ERROR_NOT_LOGGED_IN, "sign in")))
        .WillOnce(Throw(PluginError(KLAUDE_ERROR_AUTH, "the sign-in file is not ours")));
    EXPECT_EQ(catalogs().get(provider, &descriptor).note, "");
    EXPECT_EQ(catalogs().get(provider, &descriptor).note, "");
    EXPECT_EQ(catalogs().get(provider, &descriptor).note, "");
}

TEST_F(ModelCatalogsTest, AnUnusableAnswerIsANoteAndIsNotCached) {
    EXPECT_CALL(fetch, Call("codex"))
        .WillOnce(Return(R"({"models":[{"id":"a"},{"id":"a"}]})"))
        .WillOnce(Return(kLive));
    const ProviderCatalog bad = catalogs().get(provider, &descriptor);
    EXPECT_THAT(bad.note, HasSubstr("the server's catalog is unusable: the catalog lists model "
                                    "'a' twice"));
    EXPECT_EQ(bad.source, CatalogSource::kPlugin);
    EXPECT_EQ(catalogs().get(provider, &descriptor).source, CatalogSource::kServer);
}

TEST_F(ModelCatalogsTest, AnotherEndpointDoesNotSeeTheCache) {
    EXPECT_CALL(fetch, Call("codex")).Times(2).WillRepeatedly(Return(kLive));
    catalogs().get(provider, &descriptor);
    provider.base_url = "http://127.0.0.1:8080/codex";
    EXPECT_EQ(catalogs().get(provider, &descriptor).source, CatalogSource::kServer);
}

TEST_F(ModelCatalogsTest, AProviderThatSaysNotToAskIsNotAsked) {
    EXPECT_CALL(fetch, Call(_)).Times(0);
    provider.list_models = false;
    const ProviderCatalog quiet = catalogs().get(provider, &descriptor);
    EXPECT_EQ(quiet.source, CatalogSource::kPlugin);
    EXPECT_EQ(quiet.note, "");
    EXPECT_EQ(quiet.catalog.models[0].id, "static-1");
}

TEST_F(ModelCatalogsTest, AProviderWithoutItsPluginUsesOnlyTheCache) {
    EXPECT_CALL(fetch, Call(_)).Times(0);
    const ProviderCatalog none = catalogs().get(provider, nullptr);
    EXPECT_TRUE(none.catalog.models.empty());
    EXPECT_THAT(none.note, HasSubstr("its plugin is not loaded"));
}

TEST(CatalogAge, ReadsLikeAPerson) {
    EXPECT_EQ(age_text(100, 130), "just now");
    EXPECT_EQ(age_text(100, 100 + 5 * 60), "5 min ago");
    EXPECT_EQ(age_text(0, 3 * 3600), "3 h ago");
    EXPECT_EQ(age_text(0, 5 * 86400), "5 days ago");
    EXPECT_EQ(age_text(100, 50), "just now");  // a clock that went back
}

}  // namespace
}  // namespace klaude::core
