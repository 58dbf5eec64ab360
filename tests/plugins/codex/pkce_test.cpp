#include "plugins/codex/auth/pkce.h"

#include <gtest/gtest.h>

#include <set>

#include "plugins/codex/auth/authorize_url.h"
#include "plugins/codex/auth/base64url.h"
#include "plugins/codex/auth/url_encoding.h"

namespace klaude::codex {
namespace {

// RFC 7636 appendix B: these 32 octets encode to the verifier, which hashes to the challenge.
TEST(Pkce, ReproducesRfc7636AppendixB) {
    const unsigned char octets[] = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                    125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                    191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
    const std::string verifier =
        base64url_encode(std::string(reinterpret_cast<const char*>(octets), sizeof octets));
    EXPECT_EQ(verifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    EXPECT_EQ(s256_challenge(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Pkce, VerifierIs86UrlSafeCharactersAndChallengeMatchesIt) {
    const PkceCodes codes = generate_pkce();
    EXPECT_EQ(codes.verifier.size(), 86u);
    EXPECT_EQ(codes.verifier.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    EXPECT_EQ(base64url_decode(codes.verifier).size(), 64u);
    EXPECT_EQ(codes.challenge, s256_challenge(codes.verifier));
    EXPECT_EQ(codes.challenge.size(), 43u);
}

TEST(Pkce, EveryCallIsFresh) {
    std::set<std::string> verifiers, states;
    for (int i = 0; i < 50; ++i) {
        verifiers.insert(generate_pkce().verifier);
        states.insert(generate_state());
    }
    EXPECT_EQ(verifiers.size(), 50u);
    EXPECT_EQ(states.size(), 50u);
    EXPECT_EQ(base64url_decode(*states.begin()).size(), 32u);
}

TEST(AuthorizeUrl, CarriesEveryParameterPercentEncoded) {
    AuthorizeRequest request{"https://auth.example.com", "app_client",
                             "http://localhost:1455/auth/callback", "challenge-value",
                             "state/with+odd chars"};
    const std::string url = build_authorize_url(request);
    const std::string prefix = "https://auth.example.com/oauth/authorize?";
    ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;
    const std::string query = url.substr(prefix.size());
    // Nothing but unreserved characters, '%', '=' and '&' in the query.
    EXPECT_EQ(query.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                      "0123456789-._~%=&"),
              std::string::npos)
        << query;
    EXPECT_NE(query.find("redirect_uri=http%3A%2F%2Flocalhost%3A1455%2Fauth%2Fcallback"),
              std::string::npos);
    EXPECT_NE(query.find("scope=openid%20profile%20email%20offline_access"), std::string::npos);

    const auto params = parse_query(query);
    EXPECT_EQ(params.at("response_type"), "code");
    EXPECT_EQ(params.at("client_id"), "app_client");
    EXPECT_EQ(params.at("redirect_uri"), "http://localhost:1455/auth/callback");
    EXPECT_EQ(params.at("scope"), "openid profile email offline_access");
    EXPECT_EQ(params.at("code_challenge"), "challenge-value");
    EXPECT_EQ(params.at("code_challenge_method"), "S256");
    EXPECT_EQ(params.at("id_token_add_organizations"), "true");
    EXPECT_EQ(params.at("codex_cli_simplified_flow"), "true");
    EXPECT_EQ(params.at("state"), "state/with+odd chars");
    EXPECT_EQ(params.at("originator"), "codex_cli_rs");
    EXPECT_EQ(params.size(), 10u);
}

TEST(UrlEncoding, FormRoundTrips) {
    const FormFields fields = {{"a b", "c&d=e"}, {"plus", "1+1"}, {"utf8", "\xc3\xa9"}};
    const std::string body = encode_form(fields);
    EXPECT_EQ(body, "a%20b=c%26d%3De&plus=1%2B1&utf8=%C3%A9");
    const auto parsed = parse_query(body);
    EXPECT_EQ(parsed.at("a b"), "c&d=e");
    EXPECT_EQ(parsed.at("plus"), "1+1");
    EXPECT_EQ(parsed.at("utf8"), "\xc3\xa9");
    EXPECT_EQ(parse_query("x=a+b").at("x"), "a b");
}

}  // namespace
}  // namespace klaude::codex
