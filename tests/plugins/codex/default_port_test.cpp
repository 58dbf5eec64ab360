// The real default callback port (1455) and its fallback (1457). These ports are fixed, so
// this executable runs serially (RUN_SERIAL); it skips when something outside the test
// already holds a port it needs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Poco/URI.h>

#include <ctime>
#include <thread>

#include "plugins/codex/auth/browser_login.h"
#include "plugins/codex/auth/url_encoding.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/mock_login_ui.h"
#include "tests/plugins/codex/test_browser.h"
#include "tests/support/loopback_server.h"

namespace klaude::codex {
namespace {

using klaude::testing::LoopbackServer;
using testing::FakeOAuthServer;
using testing::MockLoginUi;
using ::testing::NiceMock;
using ::testing::Return;

bool port_is_free(uint16_t port) {
    try {
        LoopbackServer probe([](auto&, auto& response) { response.send(); }, port);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

// Logs in with the default settings and returns the port of the redirect URI it used.
uint16_t login_port(FakeOAuthServer& server) {
    NiceMock<MockLoginUi> ui;
    ui.record_prints();
    ON_CALL(ui, cancelled()).WillByDefault(Return(false));
    ON_CALL(ui, ask).WillByDefault(testing::wait_until_stopped);
    std::thread browser;
    std::string url;
    ON_CALL(ui, open_url).WillByDefault([&](const std::string& u, std::string*) {
        url = u;
        browser = std::thread([u] { testing::browse(u); });
        return true;
    });
    TokenClient client(server.issuer(), kClientId);
    BrowserLoginSettings settings;  // port 1455, not chosen: fallback allowed
    settings.busy_port_retry = std::chrono::milliseconds(300);
    settings.timeout = std::chrono::seconds(60);
    run_browser_login(
        ui, client, [](const TokenSet&) {}, settings,
        [] { return static_cast<int64_t>(std::time(nullptr)); });
    browser.join();
    return Poco::URI(parse_query(Poco::URI(url).getRawQuery()).at("redirect_uri")).getPort();
}

TEST(DefaultCallbackPort, Is1455) {
    if (!port_is_free(1455)) {
        GTEST_SKIP() << "port 1455 is in use on this machine";
    }
    FakeOAuthServer server;
    EXPECT_EQ(login_port(server), 1455);
}

TEST(DefaultCallbackPort, FallsBackTo1457WhenSomethingElseHolds1455) {
    if (!port_is_free(1455) || !port_is_free(1457)) {
        GTEST_SKIP() << "port 1455 or 1457 is in use on this machine";
    }
    std::atomic<int> cancels{0};
    LoopbackServer squatter(
        [&](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
            if (request.getURI() == "/cancel") {
                ++cancels;
            }
            response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
            response.send();
        },
        1455);
    FakeOAuthServer server;
    EXPECT_EQ(login_port(server), 1457);
    EXPECT_EQ(cancels, 1);
}

}  // namespace
}  // namespace klaude::codex
