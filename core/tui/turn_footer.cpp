#include "core/tui/turn_footer.h"

namespace klaude::core::tui {

namespace {

// `value` / `unit` with one decimal, dropped when it is 0 ("8k" rather than "8.0k").
std::string with_unit(uint64_t value, uint64_t unit, const char* suffix, bool decimal) {
    if (!decimal) {
        return std::to_string((value + unit / 2) / unit) + suffix;
    }
    const uint64_t tenths = (value * 10 + unit / 2) / unit;
    std::string text = std::to_string(tenths / 10);
    if (tenths % 10 != 0) {
        text += "." + std::to_string(tenths % 10);
    }
    return text + suffix;
}

// Whole percent, rounded down: "99%" until the last token is really gone.
uint64_t percent_of(uint64_t part, uint64_t whole) {
    return whole == 0 ? 0 : part * 100 / whole;
}

}  // namespace

std::string format_tokens(uint64_t count) {
    constexpr uint64_t kThousand = 1000;
    constexpr uint64_t kMillion = 1000 * kThousand;
    if (count < 10 * kThousand) {
        return std::to_string(count);
    }
    if (count < 100 * kThousand) {
        return with_unit(count, kThousand, "k", true);
    }
    // Below a million but rounding to 1000k reads better as 1M.
    if (count < kMillion - kThousand / 2) {
        return with_unit(count, kThousand, "k", false);
    }
    return with_unit(count, kMillion, "M", count < 10 * kMillion);
}

uint64_t context_tokens_used(const Usage& last_call, uint64_t estimate) {
    const uint64_t reported = last_call.input_tokens + last_call.output_tokens;
    return reported > 0 ? reported : estimate;
}

std::string describe_turn_footer(const Usage& turn, uint64_t context_used, uint64_t context_window,
                                 bool unicode) {
    const std::string separator = unicode ? " · " : " - ";
    std::string line = "tokens: " + format_tokens(turn.input_tokens) + " in";
    if (turn.cached_input_tokens > 0 && turn.input_tokens > 0) {
        line += " (" + std::to_string(percent_of(turn.cached_input_tokens, turn.input_tokens)) +
                "% cached)";
    }
    line += separator + format_tokens(turn.output_tokens) + " out";
    if (turn.reasoning_tokens > 0) {
        line += " (" + format_tokens(turn.reasoning_tokens) + " reasoning)";
    }
    if (context_window > 0) {
        const uint64_t left = context_used >= context_window ? 0 : context_window - context_used;
        line += separator + "context " + format_tokens(left) + " of " +
                format_tokens(context_window) + " left (" +
                std::to_string(percent_of(left, context_window)) + "%)";
    }
    return line;
}

}  // namespace klaude::core::tui
