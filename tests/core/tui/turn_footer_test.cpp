#include "core/tui/turn_footer.h"

#include <gtest/gtest.h>

namespace klaude::core::tui {
namespace {

Usage usage(uint64_t in, uint64_t cached, uint64_t out, uint64_t reasoning) {
    Usage u;
    u.input_tokens = in;
    u.cached_input_tokens = cached;
    u.output_tokens = out;
    u.reasoning_tokens = reasoning;
    u.total_tokens = in + out;
    return u;
}

TEST(TurnFooterTest, CachedShareReasoningAndContextLeft) {
    EXPECT_EQ(describe_turn_footer(usage(20, 9, 10, 4), 15, 8192),
              "tokens: 20 in (45% cached) · 10 out (4 reasoning) · context 8177 of 8192 left "
              "(99%)");
}

TEST(TurnFooterTest, ZerosAndAnUnknownWindowAreLeftOut) {
    EXPECT_EQ(describe_turn_footer(usage(20, 0, 10, 0), 30, 0), "tokens: 20 in · 10 out");
    EXPECT_EQ(describe_turn_footer(usage(20, 0, 10, 0), 30, 0, /*unicode=*/false),
              "tokens: 20 in - 10 out");
}

TEST(TurnFooterTest, BigNumbersAreShortAndAFullWindowIsZeroLeft) {
    EXPECT_EQ(describe_turn_footer(usage(123456, 100000, 12345, 0), 150000, 200000),
              "tokens: 123k in (81% cached) · 12.3k out · context 50k of 200k left (25%)");
    EXPECT_EQ(describe_turn_footer(usage(9000, 0, 10, 0), 9000, 8192),
              "tokens: 9000 in · 10 out · context 0 of 8192 left (0%)");
}

TEST(TurnFooterTest, TokenCounts) {
    EXPECT_EQ(format_tokens(0), "0");
    EXPECT_EQ(format_tokens(9999), "9999");
    EXPECT_EQ(format_tokens(10000), "10k");
    EXPECT_EQ(format_tokens(12345), "12.3k");
    EXPECT_EQ(format_tokens(99990), "100k");
    EXPECT_EQ(format_tokens(272000), "272k");
    EXPECT_EQ(format_tokens(999600), "1M");
    EXPECT_EQ(format_tokens(1048576), "1M");
    EXPECT_EQ(format_tokens(1250000), "1.3M");
    EXPECT_EQ(format_tokens(25000000), "25M");
}

TEST(TurnFooterTest, ContextUsedIsTheLastCallElseTheEstimate) {
    EXPECT_EQ(context_tokens_used(usage(10, 0, 5, 0), 999), 15u);
    EXPECT_EQ(context_tokens_used(Usage{}, 999), 999u);
}

}  // namespace
}  // namespace klaude::core::tui
