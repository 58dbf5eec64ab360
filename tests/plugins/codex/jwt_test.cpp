#include "plugins/codex/auth/jwt.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "plugins/codex/auth/base64url.h"
#include "tests/plugins/codex/test_jwt.h"

namespace klaude::codex {
namespace {

using testing::make_access_token;
using testing::make_id_token;
using testing::make_jwt;

JwtErrorKind kind_of(const std::string& token) {
    try {
        read_jwt_claims(token);
    } catch (const JwtError& e) {
        // A message never repeats the token.
        if (token.size() > 3) {
            EXPECT_EQ(std::string(e.what()).find(token), std::string::npos);
        }
        return e.kind();
    }
    ADD_FAILURE() << "no error for " << token;
    return JwtErrorKind::kMissingClaim;
}

TEST(Jwt, ReadsChatGptClaims) {
    const JwtClaims claims =
        read_jwt_claims(make_access_token("acct-123", 1700000000, "pro", "me@example.com"));
    EXPECT_EQ(claims.account_id, "acct-123");
    EXPECT_EQ(claims.plan, "pro");
    EXPECT_EQ(claims.email, "me@example.com");
    ASSERT_TRUE(claims.exp.has_value());
    EXPECT_EQ(*claims.exp, 1700000000);
}

TEST(Jwt, TopLevelEmailWinsOverProfile) {
    const JwtClaims claims = read_jwt_claims(make_jwt(
        R"({"email":"top@example.com","https://api.openai.com/profile":{"email":"p@example.com"}})"));
    EXPECT_EQ(claims.email, "top@example.com");
    EXPECT_TRUE(claims.account_id.empty());
    EXPECT_FALSE(claims.exp.has_value());
}

// Found by fuzz_jwt: converting 1e22 to int64 was undefined behaviour.
TEST(Jwt, AnExpOutsideTheInt64RangeReadsAsAbsent) {
    EXPECT_FALSE(read_jwt_claims(make_jwt(R"({"exp":1e22})")).exp.has_value());
    EXPECT_FALSE(read_jwt_claims(make_jwt(R"({"exp":-1e300})")).exp.has_value());
    EXPECT_FALSE(read_jwt_claims(make_jwt(R"({"exp":9223372036854775808})")).exp.has_value());
    EXPECT_EQ(read_jwt_claims(make_jwt(R"({"exp":1.7e9})")).exp.value_or(0), 1700000000);
    EXPECT_EQ(read_jwt_claims(make_jwt(R"({"exp":9223372036854775807})")).exp.value_or(0),
              INT64_MAX);
}

TEST(Jwt, MalformedTokensGiveTypedErrors) {
    EXPECT_EQ(kind_of(""), JwtErrorKind::kMalformed);
    EXPECT_EQ(kind_of("opaque-token"), JwtErrorKind::kMalformed);
    EXPECT_EQ(kind_of("a.b"), JwtErrorKind::kMalformed);
    EXPECT_EQ(kind_of("a.b.c.d"), JwtErrorKind::kMalformed);
    EXPECT_EQ(kind_of("a..c"), JwtErrorKind::kMalformed);
    EXPECT_EQ(kind_of("a.%%%%.c"), JwtErrorKind::kBadBase64);
    EXPECT_EQ(kind_of("a." + base64url_encode("not json") + ".c"), JwtErrorKind::kNotJson);
    EXPECT_EQ(kind_of("a." + base64url_encode("[1,2]") + ".c"), JwtErrorKind::kNotJson);
    EXPECT_EQ(kind_of("a." + base64url_encode("{\"exp\":") + ".c"), JwtErrorKind::kNotJson);
}

TEST(Jwt, WrongClaimTypesAreIgnoredNotFatal) {
    const JwtClaims claims = read_jwt_claims(
        make_jwt(R"({"exp":"soon","https://api.openai.com/auth":{"chatgpt_account_id":42}})"));
    EXPECT_TRUE(claims.account_id.empty());
    EXPECT_FALSE(claims.exp.has_value());
}

TEST(TokenIdentity, AccessTokenFirstIdTokenAsFallback) {
    const TokenIdentity both = identity_from_tokens(make_access_token("from-access", 100),
                                                    make_id_token("from-id", "id@example.com"));
    EXPECT_EQ(both.account_id, "from-access");
    EXPECT_EQ(both.email, "user@example.com");
    EXPECT_EQ(both.access_exp.value_or(0), 100);

    const TokenIdentity fallback =
        identity_from_tokens(make_jwt(R"({"exp":5})"), make_id_token("from-id", "id@x.com"));
    EXPECT_EQ(fallback.account_id, "from-id");
    EXPECT_EQ(fallback.email, "id@x.com");
    EXPECT_EQ(fallback.access_exp.value_or(0), 5);

    const TokenIdentity opaque_access =
        identity_from_tokens("opaque", make_id_token("from-id", "id@x.com"));
    EXPECT_EQ(opaque_access.account_id, "from-id");
    EXPECT_FALSE(opaque_access.access_exp.has_value());
}

TEST(TokenIdentity, NoAccountAnywhereIsAMissingClaim) {
    try {
        identity_from_tokens(make_jwt(R"({"exp":5})"), make_jwt(R"({"email":"a@b"})"));
        FAIL() << "expected an error";
    } catch (const JwtError& e) {
        EXPECT_EQ(e.kind(), JwtErrorKind::kMissingClaim);
        EXPECT_NE(std::string(e.what()).find("chatgpt_account_id"), std::string::npos);
    }
    try {
        identity_from_tokens("x.y", "");
        FAIL() << "expected an error";
    } catch (const JwtError& e) {
        EXPECT_EQ(e.kind(), JwtErrorKind::kMalformed);
    }
}

}  // namespace
}  // namespace klaude::codex
