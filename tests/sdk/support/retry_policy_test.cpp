// The support library's retry policy: server wait hints, backoff with jitter, capped 429 waits.
#include "klaude/support/retry_policy.h"

#include <gtest/gtest.h>

namespace klaude::support {
namespace {

using std::chrono::milliseconds;

TEST(RetryPolicy, RetryAfterHeaders) {
    EXPECT_EQ(retry_after({{"retry-after-ms", "1500"}}), milliseconds(1500));
    EXPECT_EQ(retry_after({{"retry-after", "2"}}), milliseconds(2000));
    EXPECT_EQ(retry_after({{"retry-after", "0.5"}}), milliseconds(500));
    // retry-after-ms wins over retry-after (OpenAI sends both).
    EXPECT_EQ(retry_after({{"retry-after", "9"}, {"retry-after-ms", "20"}}), milliseconds(20));
    EXPECT_FALSE(retry_after({{"retry-after", "soon"}}));
    EXPECT_FALSE(retry_after({}));
    auto past = retry_after({{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}});
    ASSERT_TRUE(past);
    EXPECT_EQ(*past, milliseconds(0));
}

TEST(RetryPolicy, BackoffGrowsWithJitterAndStops) {
    RetrySettings settings;
    settings.max_attempts = 4;
    settings.base = milliseconds(200);
    RetryPolicy policy(settings);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        auto wait = policy.after_failure(attempt);
        ASSERT_TRUE(wait);
        const int64_t nominal = 200LL << (attempt - 1);
        EXPECT_GE(wait->count(), nominal / 2);
        EXPECT_LT(wait->count(), nominal * 3 / 2 + 1);
    }
    EXPECT_FALSE(policy.after_failure(4));
}

TEST(RetryPolicy, RateLimitWaitsAreCapped) {
    RetrySettings settings;
    settings.max_retry_after = milliseconds(10000);
    settings.max_retry_total = milliseconds(30000);
    RetryPolicy policy(settings);
    EXPECT_FALSE(policy.after_rate_limit(1, std::nullopt));
    EXPECT_FALSE(policy.after_rate_limit(1, milliseconds(10001)));
    EXPECT_EQ(policy.after_rate_limit(1, milliseconds(10000)), milliseconds(10000));
    EXPECT_EQ(policy.after_rate_limit(2, milliseconds(10000)), milliseconds(10000));
    EXPECT_EQ(policy.after_rate_limit(3, milliseconds(10000)), milliseconds(10000));
    EXPECT_FALSE(policy.after_rate_limit(3, milliseconds(1)));  // 30 s used up
}

TEST(RetryPolicy, HeaderLookupIsExact) {
    const HeaderList headers{{"retry-after", "1"}, {"x-request-id", "r"}};
    ASSERT_NE(find_header(headers, "x-request-id"), nullptr);
    EXPECT_EQ(*find_header(headers, "x-request-id"), "r");
    EXPECT_EQ(find_header(headers, "x-request"), nullptr);
}

}  // namespace
}  // namespace klaude::support
