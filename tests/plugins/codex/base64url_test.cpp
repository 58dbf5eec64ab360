#include "plugins/codex/auth/base64url.h"

#include <gtest/gtest.h>

namespace klaude::codex {
namespace {

TEST(Base64Url, EncodesWithoutPaddingInTheUrlAlphabet) {
    EXPECT_EQ(base64url_encode(""), "");
    EXPECT_EQ(base64url_encode("f"), "Zg");
    EXPECT_EQ(base64url_encode("fo"), "Zm8");
    EXPECT_EQ(base64url_encode("foo"), "Zm9v");
    EXPECT_EQ(base64url_encode("\xfb\xff\xbf"), "-_-_");
}

TEST(Base64Url, DecodesWithOrWithoutPadding) {
    EXPECT_EQ(base64url_decode("Zm8"), "fo");
    EXPECT_EQ(base64url_decode("Zm8="), "fo");
    EXPECT_EQ(base64url_decode("Zg"), "f");
    EXPECT_EQ(base64url_decode("-_-_"), "\xfb\xff\xbf");
}

TEST(Base64Url, RoundTripsEveryByte) {
    std::string bytes;
    for (int i = 0; i < 256; ++i) {
        bytes += static_cast<char>(i);
    }
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
}

TEST(Base64Url, RejectsTextOutsideTheAlphabet) {
    EXPECT_THROW(base64url_decode("Zm+v"), std::invalid_argument);
    EXPECT_THROW(base64url_decode("Zm/v"), std::invalid_argument);
    EXPECT_THROW(base64url_decode("Zm9v!"), std::invalid_argument);
    EXPECT_THROW(base64url_decode("Zm9vY"), std::invalid_argument);  // 4n+1 characters
}

}  // namespace
}  // namespace klaude::codex
