#include "plugins/codex/auth/callback_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "klaude/sdk/error.hpp"
#include "tests/plugins/codex/free_port.h"
#include "tests/plugins/codex/test_browser.h"
#include "tests/support/loopback_server.h"

namespace klaude::codex {
namespace {

using klaude::testing::LoopbackServer;
using ::testing::HasSubstr;

// A foreign program on a port: answers everything with 404 and records the paths.
class Blocker {
  public:
    explicit Blocker(uint16_t port = 0)
        : server_(
              [this](Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) {
                  {
                      std::lock_guard<std::mutex> lock(mutex_);
                      paths_.push_back(request.getMethod() + " " + request.getURI());
                  }
                  response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
                  response.send() << "nope";
              },
              port) {}
    uint16_t port() const { return server_.port(); }
    std::vector<std::string> paths() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return paths_;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<std::string> paths_;
    LoopbackServer server_;
};

CallbackServerSettings settings_for(uint16_t port, uint16_t fallback) {
    CallbackServerSettings settings;
    settings.port = port;
    settings.fallback_port = fallback;
    settings.expected_state = "state";
    settings.issuer = "http://issuer.invalid";
    settings.busy_retry = std::chrono::milliseconds(300);
    return settings;
}

void never_redeem(const std::string&) {
    throw std::logic_error("not expected");
}

// Lines of /proc/net/tcp that LISTEN on `port`: "<hex ip>:<hex port>".
std::vector<std::string> listeners(uint16_t port) {
    std::ifstream in("/proc/net/tcp");
    std::vector<std::string> found;
    std::string line;
    std::getline(in, line);
    char want[8];
    std::snprintf(want, sizeof want, "%04X", port);
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state;
        fields >> slot >> local >> remote >> state;
        if (state == "0A" && local.substr(local.find(':') + 1) == want) {
            found.push_back(local);
        }
    }
    return found;
}

TEST(CallbackServer, ListensOn127001Only) {
    LoginResult result;
    CallbackServer server(settings_for(0, 0), never_redeem, result);
    EXPECT_EQ(listeners(server.port()), std::vector<std::string>{"0100007F:" + [&] {
                  char hex[8];
                  std::snprintf(hex, sizeof hex, "%04X", server.port());
                  return std::string(hex);
              }()});
    EXPECT_EQ(server.redirect_uri(),
              "http://localhost:" + std::to_string(server.port()) + "/auth/callback");
}

TEST(CallbackServer, ABusyPortGetsOneCancelThenTheFallbackIsUsed) {
    Blocker blocker;
    const uint16_t fallback = testing::free_port();
    LoginResult result;
    std::vector<std::string> notices;
    CallbackServer server(settings_for(blocker.port(), fallback), never_redeem, result,
                          [&](const std::string& line) { notices.push_back(line); });
    EXPECT_EQ(server.port(), fallback);
    EXPECT_EQ(blocker.paths(), std::vector<std::string>{"GET /cancel"});
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_THAT(notices[0], HasSubstr(std::to_string(fallback)));
}

TEST(CallbackServer, AStaleLoginOfOursIsCancelledAndItsPortTaken) {
    LoginResult stale_result;
    auto stale = std::make_unique<CallbackServer>(settings_for(0, 0), never_redeem, stale_result);
    const uint16_t port = stale->port();
    // The stale login ends when told to cancel, like a real `klaude auth login` would.
    std::thread stale_process([&] {
        stale_result.wait_for(std::chrono::seconds(30));
        stale.reset();
    });
    LoginResult result;
    CallbackServerSettings settings = settings_for(port, 0);
    settings.busy_retry = std::chrono::seconds(10);
    CallbackServer server(settings, never_redeem, result);
    stale_process.join();
    EXPECT_EQ(server.port(), port);
    EXPECT_EQ(stale_result.state(), LoginResult::State::kFailed);
    EXPECT_EQ(stale_result.status(), KLAUDE_ERROR_CANCELLED);
}

TEST(CallbackServer, WhenEverythingIsBusyTheErrorNamesThePortAndTheOption) {
    Blocker first, second;
    LoginResult result;
    try {
        CallbackServer server(settings_for(first.port(), second.port()), never_redeem, result);
        FAIL() << "bound a busy port";
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_IO);
        EXPECT_THAT(e.what(), HasSubstr("Port " + std::to_string(first.port())));
        EXPECT_THAT(e.what(), HasSubstr(std::to_string(second.port())));
        EXPECT_THAT(e.what(), HasSubstr("--port"));
    }
}

TEST(CallbackServer, AChosenPortHasNoFallback) {
    Blocker blocker;
    LoginResult result;
    try {
        CallbackServer server(settings_for(blocker.port(), 0), never_redeem, result);
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_THAT(e.what(), HasSubstr("Port " + std::to_string(blocker.port()) + " on"));
        EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("fallback")));
    }
}

TEST(CallbackServer, ARedeemFailureShowsAnErrorPageAndFailsTheLogin) {
    LoginResult result;
    CallbackServer server(
        settings_for(0, 0),
        [](const std::string&) {
            throw sdk::Error(KLAUDE_ERROR_AUTH, "the server said <no> & left");
        },
        result);
    const testing::BrowserVisit visit = testing::browse(
        "http://127.0.0.1:" + std::to_string(server.port()) + "/auth/callback?code=c&state=state");
    EXPECT_EQ(visit.status, 400);
    EXPECT_THAT(visit.body, HasSubstr("the server said &lt;no&gt; &amp; left"));
    EXPECT_EQ(result.status(), KLAUDE_ERROR_AUTH);
    EXPECT_EQ(result.message(), "the server said <no> & left");
}

}  // namespace
}  // namespace klaude::codex
