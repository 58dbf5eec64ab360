// The OAuth peer (tests/peers/oidc-server.mjs, panva's oidc-provider) does what the codex
// plugin's login tests rely on: discovery, an authorization-code + PKCE login that any
// cookie-keeping HTTP client completes, JWT access tokens with ChatGPT's claims, refresh tokens
// that rotate, and reuse detection that revokes the login.
#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>

#include "tests/peers/http_helpers.h"
#include "tests/support/browser_session.h"
#include "tests/support/free_port.h"
#include "tests/support/loopback_server.h"
#include "tests/support/peer_process.h"

namespace klaude::testing {
namespace {

const char* const kClientId = "app_EMoamEEZ73f0CkXaXp7hrann";
const char* const kAuthClaim = "https://api.openai.com/auth";
const char* const kAccountId = "acc-peer-test-7f3a";
const char* const kEmail = "peer-test@example.com";

struct Pkce {
    std::string verifier;
    std::string challenge;
};

Pkce make_pkce() {
    Pkce p;
    p.verifier = base64url(random_bytes(64));
    p.challenge = base64url(sha256(p.verifier));
    return p;
}

std::string string_member(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject() || !object.HasMember(name) || !object[name].IsString()) {
        return "";
    }
    return object[name].GetString();
}

bool ipv6_loopback_available() {
    try {
        Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("::1", 0));
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

class OidcProviderPeer : public ::testing::Test {
  protected:
    void start(std::vector<std::string> extra_args = {}) {
        callback_port_ = free_port();
        std::vector<std::string> args{"--callback-port", std::to_string(callback_port_),
                                      "--account-id",    kAccountId,
                                      "--email",         kEmail};
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        peer_ = std::make_unique<PeerProcess>("oidc-server.mjs", args);
    }

    void SetUp() override { start(); }

    std::string issuer() const { return peer_->localhost_url(); }
    std::string callback_origin() const {
        return "http://localhost:" + std::to_string(callback_port_);
    }
    std::string redirect_uri() const { return callback_origin() + "/auth/callback"; }
    std::string token_url() const { return peer_->base_url() + "/oauth/token"; }

    // The authorize URL the Codex CLI builds (extra parameters included: the server must
    // tolerate them).
    std::string authorize_url(const Pkce& pkce, const std::string& state,
                              const std::string& redirect) const {
        Poco::URI uri(issuer() + "/oauth/authorize");
        uri.addQueryParameter("response_type", "code");
        uri.addQueryParameter("client_id", kClientId);
        uri.addQueryParameter("redirect_uri", redirect);
        uri.addQueryParameter("scope", "openid profile email offline_access");
        if (!pkce.challenge.empty()) {
            uri.addQueryParameter("code_challenge", pkce.challenge);
            uri.addQueryParameter("code_challenge_method", "S256");
        }
        uri.addQueryParameter("id_token_add_organizations", "true");
        uri.addQueryParameter("codex_cli_simplified_flow", "true");
        uri.addQueryParameter("state", state);
        uri.addQueryParameter("originator", "codex_cli_rs");
        return uri.toString();
    }

    // Signs in with a fresh browser; returns the callback URL the server redirected to.
    std::string sign_in(const Pkce& pkce, const std::string& state) {
        BrowserSession browser;
        return browser.follow_until(authorize_url(pkce, state, redirect_uri()), callback_origin());
    }

    HttpResult exchange(const std::string& code, const std::string& verifier) {
        return post_form(token_url(), {{"grant_type", "authorization_code"},
                                       {"code", code},
                                       {"redirect_uri", redirect_uri()},
                                       {"client_id", kClientId},
                                       {"code_verifier", verifier}});
    }

    HttpResult refresh(const std::string& refresh_token) {
        return post_form(token_url(), {{"grant_type", "refresh_token"},
                                       {"client_id", kClientId},
                                       {"refresh_token", refresh_token}});
    }

    // A full login; returns the token response.
    rapidjson::Document login() {
        Pkce pkce = make_pkce();
        std::string callback = sign_in(pkce, "state-1");
        HttpResult tokens = exchange(query_param(callback, "code"), pkce.verifier);
        EXPECT_EQ(tokens.status, 200) << tokens.body;
        return parse_json(tokens.body);
    }

    uint16_t callback_port_ = 0;
    std::unique_ptr<PeerProcess> peer_;
};

TEST_F(OidcProviderPeer, ServesDiscoveryDocumentWithOpenAiPaths) {
    // Endpoint URLs follow the request's Host header, so ask the way clients do: by issuer.
    HttpResult result = http_get(issuer() + "/.well-known/openid-configuration");
    ASSERT_EQ(result.status, 200) << result.body;
    rapidjson::Document doc = parse_json(result.body);
    EXPECT_EQ(string_member(doc, "issuer"), issuer());
    EXPECT_EQ(string_member(doc, "authorization_endpoint"), issuer() + "/oauth/authorize");
    EXPECT_EQ(string_member(doc, "token_endpoint"), issuer() + "/oauth/token");
    ASSERT_TRUE(doc.HasMember("code_challenge_methods_supported"));
    const auto& methods = doc["code_challenge_methods_supported"];
    ASSERT_TRUE(methods.IsArray());
    ASSERT_EQ(methods.Size(), 1u);
    EXPECT_STREQ(methods[0].GetString(), "S256");
    ASSERT_TRUE(doc.HasMember("authorization_response_iss_parameter_supported"));
    EXPECT_TRUE(doc["authorization_response_iss_parameter_supported"].GetBool());
}

TEST_F(OidcProviderPeer, AnswersOnEveryLoopbackAddress) {
    // The issuer is http://localhost:<port>, and a resolver may say ::1 or 127.0.0.1 first.
    for (const std::string host : {"127.0.0.1", "[::1]"}) {
        if (host == "[::1]" && !ipv6_loopback_available()) {
            continue;
        }
        std::string url = "http://" + host + ":" + std::to_string(peer_->port());
        HttpResult result = http_get(url + "/.well-known/openid-configuration");
        EXPECT_EQ(result.status, 200) << host;
        EXPECT_EQ(string_member(parse_json(result.body), "issuer"), issuer()) << host;
    }
}

TEST_F(OidcProviderPeer, BrowserLoginEndsAtCallbackWithCodeStateAndIss) {
    Pkce pkce = make_pkce();
    BrowserSession browser;
    std::string callback =
        browser.follow_until(authorize_url(pkce, "state-abc", redirect_uri()), callback_origin());

    EXPECT_EQ(Poco::URI(callback).getPath(), "/auth/callback");
    EXPECT_FALSE(query_param(callback, "code").empty()) << callback;
    EXPECT_EQ(query_param(callback, "state"), "state-abc");
    EXPECT_EQ(query_param(callback, "iss"), issuer());  // RFC 9207
    EXPECT_GE(browser.visited().size(), 3u) << "login and consent interactions were skipped?";
    EXPECT_GT(browser.cookie_count("localhost"), 0u);
}

TEST_F(OidcProviderPeer, BrowserCanDeliverTheLoginToACallbackServer) {
    std::mutex mutex;
    std::string received;
    LoopbackServer callback_server(
        [&](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
            {
                std::lock_guard<std::mutex> lock(mutex);
                received = request.getURI();
            }
            response.setContentType("text/plain");
            response.send() << "signed in";
        },
        callback_port_);

    BrowserSession browser;
    BrowserSession::Page page =
        browser.follow(authorize_url(make_pkce(), "state-cb", redirect_uri()));

    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body, "signed in");
    std::lock_guard<std::mutex> lock(mutex);
    EXPECT_EQ(Poco::URI(received).getPath(), "/auth/callback");
    EXPECT_EQ(query_param("http://x" + received, "state"), "state-cb");
    EXPECT_FALSE(query_param("http://x" + received, "code").empty());
}

TEST_F(OidcProviderPeer, CodeExchangeGivesJwtWithChatgptClaimsAndRefreshToken) {
    rapidjson::Document tokens = login();

    EXPECT_EQ(string_member(tokens, "token_type"), "Bearer");
    ASSERT_TRUE(tokens.HasMember("expires_in"));
    EXPECT_EQ(tokens["expires_in"].GetInt(), 3600);
    EXPECT_NE(string_member(tokens, "scope").find("offline_access"), std::string::npos);
    EXPECT_FALSE(string_member(tokens, "refresh_token").empty());

    rapidjson::Document access = jwt_payload(string_member(tokens, "access_token"));
    EXPECT_EQ(string_member(access, "iss"), issuer());
    EXPECT_EQ(string_member(access, "client_id"), kClientId);
    EXPECT_EQ(string_member(access, "email"), kEmail);
    ASSERT_TRUE(access.HasMember(kAuthClaim));
    EXPECT_EQ(string_member(access[kAuthClaim], "chatgpt_account_id"), kAccountId);
    EXPECT_EQ(string_member(access[kAuthClaim], "chatgpt_plan_type"), "plus");
    ASSERT_TRUE(access.HasMember("exp") && access.HasMember("iat"));
    EXPECT_EQ(access["exp"].GetInt64() - access["iat"].GetInt64(), 3600);

    rapidjson::Document id = jwt_payload(string_member(tokens, "id_token"));
    EXPECT_EQ(string_member(id, "aud"), kClientId);
    EXPECT_EQ(string_member(id, "email"), kEmail);
    ASSERT_TRUE(id.HasMember(kAuthClaim));
    EXPECT_EQ(string_member(id[kAuthClaim], "chatgpt_account_id"), kAccountId);
}

TEST_F(OidcProviderPeer, AccessTokenLifetimeFollowsTheFlag) {
    start({"--access-ttl", "7"});
    rapidjson::Document tokens = login();
    ASSERT_TRUE(tokens.HasMember("expires_in"));
    EXPECT_EQ(tokens["expires_in"].GetInt(), 7);
    rapidjson::Document access = jwt_payload(string_member(tokens, "access_token"));
    EXPECT_EQ(access["exp"].GetInt64() - access["iat"].GetInt64(), 7);
}

TEST_F(OidcProviderPeer, WrongCodeVerifierIsRejected) {
    Pkce pkce = make_pkce();
    std::string callback = sign_in(pkce, "s");
    HttpResult result = exchange(query_param(callback, "code"), make_pkce().verifier);
    EXPECT_EQ(result.status, 400);
    EXPECT_EQ(string_member(parse_json(result.body), "error"), "invalid_grant");
}

TEST_F(OidcProviderPeer, AuthorizationWithoutPkceIsRefused) {
    BrowserSession browser;
    std::string callback =
        browser.follow_until(authorize_url(Pkce{}, "s", redirect_uri()), callback_origin());
    EXPECT_EQ(query_param(callback, "error"), "invalid_request") << callback;
    EXPECT_TRUE(query_param(callback, "code").empty());
}

TEST_F(OidcProviderPeer, UnregisteredCallbackPortIsRefused) {
    uint16_t other = free_port();
    std::string wrong = "http://localhost:" + std::to_string(other) + "/auth/callback";
    BrowserSession browser;
    // The server answers with an error page instead of redirecting anywhere.
    EXPECT_THROW(browser.follow_until(authorize_url(make_pkce(), "s", wrong),
                                      "http://localhost:" + std::to_string(other)),
                 std::runtime_error);
}

TEST_F(OidcProviderPeer, JsonTokenRequestIsRejected) {
    HttpResult result = post_json(
        token_url(), R"({"grant_type":"refresh_token","client_id":"app_EMoamEEZ73f0CkXaXp7hrann",)"
                     R"("refresh_token":"x"})");
    EXPECT_EQ(result.status, 400);
    EXPECT_EQ(string_member(parse_json(result.body), "error"), "invalid_request");
}

TEST_F(OidcProviderPeer, RefreshRotatesAndReusingTheOldTokenRevokesTheLogin) {
    rapidjson::Document first = login();
    const std::string old_refresh = string_member(first, "refresh_token");
    ASSERT_FALSE(old_refresh.empty());

    HttpResult rotated = refresh(old_refresh);
    ASSERT_EQ(rotated.status, 200) << rotated.body;
    rapidjson::Document second = parse_json(rotated.body);
    const std::string new_refresh = string_member(second, "refresh_token");
    EXPECT_FALSE(new_refresh.empty());
    EXPECT_NE(new_refresh, old_refresh);
    rapidjson::Document access = jwt_payload(string_member(second, "access_token"));
    EXPECT_EQ(string_member(access[kAuthClaim], "chatgpt_account_id"), kAccountId);

    HttpResult reused = refresh(old_refresh);
    EXPECT_EQ(reused.status, 400);
    EXPECT_EQ(string_member(parse_json(reused.body), "error"), "invalid_grant");

    // Reuse revoked the whole grant: the token issued by the rotation is dead too.
    HttpResult after = refresh(new_refresh);
    EXPECT_EQ(after.status, 400);
    EXPECT_EQ(string_member(parse_json(after.body), "error"), "invalid_grant");
}

TEST_F(OidcProviderPeer, EachRotatedTokenWorksOnceInTurn) {
    std::string token = string_member(login(), "refresh_token");
    for (int i = 0; i < 3; ++i) {
        HttpResult result = refresh(token);
        ASSERT_EQ(result.status, 200) << "rotation " << i << ": " << result.body;
        std::string next = string_member(parse_json(result.body), "refresh_token");
        ASSERT_NE(next, token);
        token = next;
    }
}

}  // namespace
}  // namespace klaude::testing
