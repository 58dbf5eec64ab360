// A client created through the C ABI: events arrive in order through the host callback, and a
// host callback that throws cancels the stream instead of unwinding through plugin frames.
#include "core/plugin/plugin_client.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "core/plugin/plugin_registry.h"
#include "core/plugin/stream_contract.h"
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

// The stream contract (klaude/abi/events.h) the host enforces since ABI 1.1: OK means
// COMPLETED was delivered, and every function_call item was reported as a TOOL_CALL.
class StreamContractTest : public ::testing::Test {
  protected:
    StreamContractTest()
        : host_(testing::test_host_options(home_.path())), registry_(host_.host()) {
        for (const char* name : {"no_completed", "unreported_call"}) {
            EXPECT_TRUE(registry_.load_file(testing::fixture(name))) << name;
        }
    }
    // The PluginError the stream ends with; fails the test when it ends well.
    PluginError stream_error(const char* provider) {
        PluginClient c(registry_.find_provider(provider)->plugin, provider, "{}");
        try {
            c.stream("{}", [](klaude_event_type_t, std::string_view) {});
        } catch (const PluginError& e) {
            return e;
        }
        ADD_FAILURE() << provider << " broke the contract and the host accepted it";
        return PluginError(KLAUDE_OK, "");
    }

    TempDir home_;
    HostServices host_;
    PluginRegistry registry_;
};

TEST_F(StreamContractTest, OkWithoutCompletedIsAProtocolErrorNamingThePlugin) {
    const PluginError e = stream_error("fixture-nocompleted");
    EXPECT_EQ(e.status(), KLAUDE_ERROR_PROTOCOL);
    EXPECT_EQ(e.code(), "plugin_contract");
    EXPECT_EQ(std::string(e.what()),
              "plugin test.nocompleted broke the ABI contract: its stream returned OK without "
              "KLAUDE_EVENT_COMPLETED (a cut or unfinished response must be an error); report "
              "it to the plugin's author");
}

TEST_F(StreamContractTest, AFunctionCallItemWithoutToolCallIsAProtocolError) {
    const PluginError e = stream_error("fixture-unreported");
    EXPECT_EQ(e.status(), KLAUDE_ERROR_PROTOCOL);
    EXPECT_NE(std::string(e.what()).find("function_call item (call_id 'call_7') without "
                                         "KLAUDE_EVENT_TOOL_CALL"),
              std::string::npos)
        << e.what();
}

TEST(StreamContract, ACallReportedAfterItsItemIsFine) {
    StreamContract contract;
    contract.observe(KLAUDE_EVENT_OUTPUT_ITEM,
                     R"({"type":"function_call","call_id":"c1","name":"t","arguments":"{}"})");
    contract.observe(KLAUDE_EVENT_TOOL_CALL, R"({"call_id":"c1","name":"t","arguments":"{}"})");
    contract.observe(KLAUDE_EVENT_TOOL_CALL, R"({"call_id":"c2","name":"t","arguments":"{}"})");
    contract.observe(KLAUDE_EVENT_OUTPUT_ITEM,
                     R"({"type":"message","role":"assistant","content":"a \"function_call\""})");
    contract.observe(KLAUDE_EVENT_COMPLETED, R"({"status":"completed"})");
    EXPECT_EQ(contract.violation(), std::nullopt);
}

// ABI 1.1 list_models, through fixture plugins that answer, hang, stay silent or flood.
class PluginCatalogTest : public ::testing::Test {
  protected:
    PluginCatalogTest() : host_(testing::test_host_options(home_.path())), registry_(host_.host()) {
        for (const char* name :
             {"catalog", "catalog_hang", "catalog_silent", "catalog_huge", "good_two_providers"}) {
            EXPECT_TRUE(registry_.load_file(testing::fixture(name))) << name;
        }
    }
    PluginClient client(const char* provider) {
        return PluginClient(registry_.find_provider(provider)->plugin, provider, "{}");
    }
    static klaude_status_t status_of(PluginClient& c, std::chrono::milliseconds timeout) {
        try {
            c.list_models(timeout);
        } catch (const PluginError& e) {
            return e.status();
        }
        return KLAUDE_OK;
    }

    TempDir home_;
    HostServices host_;
    PluginRegistry registry_;
};

TEST_F(PluginCatalogTest, TheCatalogArrivesAsThePluginWroteIt) {
    PluginClient c = client("fixture-catalog");
    EXPECT_TRUE(c.can_list_models());
    EXPECT_EQ(c.list_models(std::chrono::seconds(1)),
              R"({"models":[{"id":"live-model","context_window":65536},)"
              R"({"id":"fixture-model","visibility":"hide"}]})");
}

TEST_F(PluginCatalogTest, APluginWithoutListModelsIsUnsupported) {
    PluginClient c = client("fixture-a");
    EXPECT_FALSE(c.can_list_models());
    EXPECT_EQ(status_of(c, std::chrono::seconds(1)), KLAUDE_ERROR_UNSUPPORTED);
}

TEST_F(PluginCatalogTest, APluginThatOverrunsItsDeadlineIsCancelledByTheHost) {
    PluginClient c = client("fixture-hang");
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(status_of(c, std::chrono::milliseconds(200)), KLAUDE_ERROR_TIMEOUT);
    // Generous: the bound under test is "returns at all"; the watchdog fires at 450 ms.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST_F(PluginCatalogTest, SilenceAndFloodsAreProtocolErrors) {
    PluginClient silent = client("fixture-silent");
    EXPECT_EQ(status_of(silent, std::chrono::seconds(1)), KLAUDE_ERROR_PROTOCOL);
    PluginClient huge = client("fixture-huge");
    EXPECT_EQ(status_of(huge, std::chrono::seconds(1)), KLAUDE_ERROR_PROTOCOL);
}

}  // namespace
}  // namespace klaude::core
