// Tests that need the real internet: skipped unless KLAUDE_NETWORK_TESTS=1.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "klaude/sdk/error.hpp"
#include "plugins/codex/auth/http_post.h"
#include "plugins/codex/auth/oauth_constants.h"

namespace klaude::codex {
namespace {

bool network_allowed() {
    const char* flag = std::getenv("KLAUDE_NETWORK_TESTS");
    return flag != nullptr && std::string(flag) == "1";
}

TEST(CodexNetwork, TheRealIssuerAnswersOverVerifiedTls) {
    if (!network_allowed()) {
        GTEST_SKIP() << "set KLAUDE_NETWORK_TESTS=1 to run";
    }
    const HttpResult result =
        http_get(std::string(kDefaultIssuer) + "/.well-known/openid-configuration");
    EXPECT_EQ(result.status, 200);
    EXPECT_THAT(result.body, ::testing::HasSubstr("/oauth/token"));
}

}  // namespace
}  // namespace klaude::codex
