#include "plugins/codex/auth/device_login.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <ctime>

#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/mock_login_ui.h"
#include "tests/support/loopback_server.h"

namespace klaude::codex {
namespace {

using testing::FakeOAuthServer;
using ::testing::HasSubstr;
using testing::MockLoginUi;
using ::testing::NiceMock;
using ::testing::Return;

int64_t wall_clock() {
    return static_cast<int64_t>(std::time(nullptr));
}

class DeviceLoginTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ui.record_prints();
        ON_CALL(ui, cancelled()).WillByDefault(Return(false));
    }
    NiceMock<MockLoginUi> ui;
    std::vector<TokenSet> saved;
    SaveTokens save = [this](const TokenSet& t) { saved.push_back(t); };
};

TEST_F(DeviceLoginTest, ShowsTheCodePollsAndExchanges) {
    FakeOAuthServer::Options options;
    options.device_pending_polls = 2;
    FakeOAuthServer server(options);
    TokenClient client(server.issuer(), "app_EMoamEEZ73f0CkXaXp7hrann");
    DeviceLoginSettings settings;
    settings.min_interval = std::chrono::milliseconds(0);

    const TokenSet tokens = run_device_login(ui, client, save, settings, wall_clock);
    EXPECT_EQ(tokens.refresh_token, server.last_refresh_token());
    EXPECT_EQ(tokens.account_id, "acct-fake-000123456");
    EXPECT_EQ(saved.size(), 1u);
    EXPECT_EQ(server.device_polls(), 3);
    EXPECT_EQ(server.code_exchanges(), 1);  // with redirect {issuer}/deviceauth/callback
    EXPECT_THAT(ui.printed(), HasSubstr(server.issuer() + "/codex/device"));
    EXPECT_THAT(ui.printed(), HasSubstr("ABCD-"));
    EXPECT_EQ(server.violations(), std::vector<std::string>{});
}

TEST_F(DeviceLoginTest, GivesUpAfterTheLimit) {
    FakeOAuthServer::Options options;
    options.device_pending_polls = 1000000;
    FakeOAuthServer server(options);
    TokenClient client(server.issuer(), "app_EMoamEEZ73f0CkXaXp7hrann");
    DeviceLoginSettings settings;
    settings.limit = std::chrono::milliseconds(1500);
    settings.min_interval = std::chrono::milliseconds(0);
    try {
        run_device_login(ui, client, save, settings, wall_clock);
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_TIMEOUT);
        EXPECT_THAT(e.what(), HasSubstr("--device-auth"));
    }
    EXPECT_GE(server.device_polls(), 1);
    EXPECT_TRUE(saved.empty());
}

TEST_F(DeviceLoginTest, CtrlCStopsPolling) {
    FakeOAuthServer::Options options;
    options.device_pending_polls = 1000000;
    FakeOAuthServer server(options);
    TokenClient client(server.issuer(), "app_EMoamEEZ73f0CkXaXp7hrann");
    std::atomic<int> polls{0};
    ON_CALL(ui, cancelled()).WillByDefault([&] { return ++polls > 10; });
    try {
        run_device_login(ui, client, save, DeviceLoginSettings{}, wall_clock);
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_CANCELLED);
    }
}

TEST_F(DeviceLoginTest, AServerWithoutDeviceLoginSaysSo) {
    klaude::testing::LoopbackServer plain(
        [](Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response) {
            response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
            response.send() << "not found";
        });
    TokenClient client(plain.base_url(), "app");
    try {
        run_device_login(ui, client, save, DeviceLoginSettings{}, wall_clock);
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_UNSUPPORTED);
        EXPECT_THAT(e.what(), HasSubstr("without --device-auth"));
    }
}

}  // namespace
}  // namespace klaude::codex
