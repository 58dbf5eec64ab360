// PeerProcess: starts a peer and learns its port, reports a peer that fails with its own words,
// and leaves no process behind.
#include <gtest/gtest.h>

#include <signal.h>

#include <cerrno>
#include <functional>
#include <string>

#include <Poco/Net/NetException.h>

#include "tests/peers/http_helpers.h"
#include "tests/support/free_port.h"
#include "tests/support/peer_process.h"

namespace klaude::testing {
namespace {

std::string message_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(no exception)";
}

TEST(PeerProcess, ReportsThePortThePeerListensOn) {
    PeerProcess peer("aimock-server.mjs");
    ASSERT_GT(peer.port(), 0);
    EXPECT_EQ(peer.base_url(), "http://127.0.0.1:" + std::to_string(peer.port()));
    // Any answer at all proves something listens there.
    HttpResult result = http_get(peer.base_url() + "/v1/models");
    EXPECT_GT(result.status, 0);
}

TEST(PeerProcess, UsesTheRequestedPort) {
    uint16_t port = free_port();
    PeerProcess peer("aimock-server.mjs", {"--port", std::to_string(port)});
    EXPECT_EQ(peer.port(), port);
}

TEST(PeerProcess, NamesAMissingScript) {
    std::string message = message_of([] { PeerProcess("no-such-peer.mjs"); });
    EXPECT_NE(message.find("no peer script"), std::string::npos) << message;
    EXPECT_NE(message.find("no-such-peer.mjs"), std::string::npos) << message;
}

TEST(PeerProcess, APeerThatExitsEarlyIsReportedWithItsStderr) {
    // Without a callback port the OAuth peer refuses to start, and says why.
    std::string message = message_of([] { PeerProcess("oidc-server.mjs"); });
    EXPECT_NE(message.find("before printing READY"), std::string::npos) << message;
    EXPECT_NE(message.find("--callback-port"), std::string::npos) << message;
    EXPECT_NE(message.find("exit code 2"), std::string::npos) << message;
}

TEST(PeerProcess, DestructionEndsTheProcessAndFreesThePort) {
    pid_t pid = 0;
    std::string url;
    {
        PeerProcess peer("aimock-server.mjs");
        pid = peer.pid();
        url = peer.base_url() + "/v1/models";
        ASSERT_EQ(::kill(pid, 0), 0);
    }
    EXPECT_EQ(::kill(pid, 0), -1);
    EXPECT_EQ(errno, ESRCH);
    EXPECT_THROW(http_get(url), Poco::Net::ConnectionRefusedException);
}

}  // namespace
}  // namespace klaude::testing
