// The sign-in's token requests honour the proxy variables like model calls do: through
// HTTP_PROXY (absolute-URI forwarding) for an http:// issuer, through HTTPS_PROXY (CONNECT)
// for an https:// one, and straight to the issuer when NO_PROXY names it. The issuer is named
// by a host only the test proxy resolves (loopback targets are never proxied).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <Poco/Net/Context.h>

#include "plugins/codex/auth/token_client.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/plugins/responses/test_pki.h"
#include "tests/support/forward_proxy.h"

namespace klaude::codex {
namespace {

using klaude::responses::testing::ReplayServer;
using klaude::responses::testing::Reply;
using klaude::responses::testing::TestPki;
using klaude::testing::ForwardProxy;
using testing::FakeOAuthServer;

constexpr const char* kClientId = "app_EMoamEEZ73f0CkXaXp7hrann";

// Sets the proxy variables for one test and restores a clean environment after it.
class SignInProxy : public ::testing::Test {
  protected:
    void SetUp() override { clear(); }
    void TearDown() override { clear(); }
    static void clear() {
        for (const char* name :
             {"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"}) {
            unsetenv(name);
        }
    }
};

TEST_F(SignInProxy, ARefreshGoesThroughHttpProxy) {
    FakeOAuthServer server;
    ForwardProxy proxy;
    setenv("HTTP_PROXY", proxy.url().c_str(), 1);
    const std::string issuer = "http://issuer.test:" + std::to_string(server.port());
    TokenClient client(issuer, kClientId);
    const TokenResponse renewed = client.refresh(server.issue_refresh_token());
    EXPECT_EQ(renewed.access_token, server.last_access_token());
    EXPECT_EQ(proxy.requests(), 1);
    ASSERT_EQ(proxy.targets().size(), 1u);
    EXPECT_EQ(proxy.targets()[0], "POST " + issuer + "/oauth/token");
}

TEST_F(SignInProxy, NoProxyBypassesTheProxy) {
    ForwardProxy proxy;
    setenv("HTTP_PROXY", proxy.url().c_str(), 1);
    setenv("NO_PROXY", "issuer.test", 1);
    // Straight to issuer.test, which nothing but the proxy resolves: a network error naming
    // the host, and the proxy saw nothing.
    TokenClient client("http://issuer.test:9", kClientId);
    try {
        client.refresh("rt");
        ADD_FAILURE() << "the refresh reached something";
    } catch (const RefreshError& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_NETWORK);
        EXPECT_NE(std::string(e.what()).find("issuer.test"), std::string::npos) << e.what();
    }
    EXPECT_EQ(proxy.requests(), 0);
}

TEST_F(SignInProxy, ATokenExchangeGoesThroughHttpsProxyWithConnect) {
    const TestPki pki = TestPki::create();
    {
        // The certificate is for wrong.example: the name the client asks for, and which only
        // the proxy resolves (to 127.0.0.1).
        Poco::Net::Context::Params params;
        params.privateKeyFile = pki.wrong_name_key;
        params.certificateFile = pki.wrong_name_cert;
        params.verificationMode = Poco::Net::Context::VERIFY_NONE;
        ReplayServer server(
            {Reply::error(200,
                          R"({"access_token":"at-1","refresh_token":"rt-2","expires_in":60})")},
            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params));
        ForwardProxy proxy;
        setenv("HTTPS_PROXY", proxy.url().c_str(), 1);
        TokenClient client("https://wrong.example:" + std::to_string(server.port()), kClientId,
                           HttpOptions{std::chrono::seconds(30), pki.ca});
        const TokenResponse tokens =
            client.exchange_code("code-1", "http://localhost:1455/auth/callback", "verifier");
        EXPECT_EQ(tokens.access_token, "at-1");
        EXPECT_EQ(tokens.refresh_token, "rt-2");
        EXPECT_EQ(proxy.requests(), 1);
        ASSERT_EQ(proxy.targets().size(), 1u);
        EXPECT_EQ(proxy.targets()[0], "CONNECT wrong.example:" + std::to_string(server.port()));
        ASSERT_EQ(server.requests().size(), 1u);
        EXPECT_EQ(server.requests()[0].uri, "/oauth/token");
        EXPECT_NE(server.requests()[0].body.find("grant_type=authorization_code"),
                  std::string::npos);
    }
    pki.remove();
}

}  // namespace
}  // namespace klaude::codex
