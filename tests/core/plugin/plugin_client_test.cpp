// A client created through the C ABI: events arrive in order through the host callback, and a
// host callback that throws cancels the stream instead of unwinding through plugin frames.
#include "core/plugin/plugin_client.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "core/plugin/plugin_registry.h"
#include "tests/core/plugin/plugin_test_support.h"

namespace klaude::core {
namespace {

using testing::TempDir;

class PluginClientTest : public ::testing::Test {
  protected:
    PluginClientTest() : host_(testing::test_host_options(home_.path())), registry_(host_.host()) {
        EXPECT_TRUE(registry_.load_file(testing::fixture("good_two_providers")));
    }

    std::shared_ptr<LoadedPlugin> plugin() { return registry_.find_provider("fixture-b")->plugin; }

    TempDir home_;
    HostServices host_;
    PluginRegistry registry_;
};

TEST_F(PluginClientTest, StreamsEventsInOrder) {
    PluginClient client(plugin(), "fixture-b", "{}");
    std::vector<std::pair<klaude_event_type_t, std::string>> events;
    client.stream("{\"model\":\"fixture-model\",\"input\":[]}",
                  [&](klaude_event_type_t type, std::string_view data) {
                      events.emplace_back(type, std::string(data));
                  });
    ASSERT_EQ(events.size(), 5u);
    EXPECT_EQ(events[0], std::make_pair(KLAUDE_EVENT_TEXT_DELTA, std::string("Hello from ")));
    EXPECT_EQ(events[1].second, "fixture-a");
    EXPECT_EQ(events[2].first, KLAUDE_EVENT_FLUSH);
    EXPECT_EQ(events[3].first, KLAUDE_EVENT_USAGE);
    EXPECT_EQ(events[4].first, KLAUDE_EVENT_COMPLETED);
}

TEST_F(PluginClientTest, APluginErrorBecomesAPluginErrorWithItsMessage) {
    PluginClient client(plugin(), "fixture-a", "{}");
    try {
        client.stream("", [](klaude_event_type_t, std::string_view) {});
        FAIL() << "expected PluginError";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_INVALID_ARGUMENT);
        EXPECT_STREQ(e.what(), "fixture: empty request");
    }
}

TEST_F(PluginClientTest, UnknownProviderIsRefusedByThePlugin) {
    try {
        PluginClient client(plugin(), "nope", "{}");
        FAIL() << "expected PluginError";
    } catch (const PluginError& e) {
        EXPECT_STREQ(e.what(), "fixture: unknown provider nope");
    }
}

TEST_F(PluginClientTest, AThrowingHostCallbackIsRethrownAfterThePluginReturns) {
    PluginClient client(plugin(), "fixture-a", "{}");
    int calls = 0;
    EXPECT_THROW(client.stream("{}",
                               [&](klaude_event_type_t, std::string_view) {
                                   ++calls;
                                   throw std::runtime_error("host broke");
                               }),
                 std::runtime_error);
    EXPECT_EQ(calls, 1);  // later events were not delivered
}

TEST_F(PluginClientTest, TheClientKeepsItsPluginLoaded) {
    std::weak_ptr<LoadedPlugin> weak = plugin();
    auto client = std::make_unique<PluginClient>(plugin(), "fixture-a", "{}");
    EXPECT_GE(weak.use_count(), 2);
    client.reset();
    EXPECT_FALSE(weak.expired());  // the registry still holds it
}

}  // namespace
}  // namespace klaude::core
