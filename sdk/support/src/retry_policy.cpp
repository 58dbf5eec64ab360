#include "klaude/support/retry_policy.h"

#include <algorithm>
#include <random>

#include <Poco/DateTime.h>
#include <Poco/DateTimeParser.h>
#include <Poco/NumberParser.h>
#include <Poco/Timestamp.h>

namespace klaude::support {

std::optional<std::chrono::milliseconds> RetryPolicy::after_failure(int failed_attempt) const {
    if (failed_attempt >= settings_.max_attempts) {
        return std::nullopt;
    }
    // Jitter spreads the retries of many clients hit by the same outage.
    thread_local std::minstd_rand random{std::random_device{}()};
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    const double exponential = static_cast<double>(settings_.base.count()) *
                               static_cast<double>(1LL << std::min(failed_attempt - 1, 16));
    return std::chrono::milliseconds(static_cast<int64_t>(exponential * jitter(random)));
}

std::optional<std::chrono::milliseconds> RetryPolicy::after_rate_limit(
    int failed_attempt, std::optional<std::chrono::milliseconds> wait) {
    if (failed_attempt >= settings_.max_attempts || !wait || *wait > settings_.max_retry_after ||
        waited_ + *wait > settings_.max_retry_total) {
        return std::nullopt;
    }
    waited_ += *wait;
    return wait;
}

const std::string* find_header(const HeaderList& headers, std::string_view name) {
    for (const auto& [key, value] : headers) {
        if (key == name) {
            return &value;
        }
    }
    return nullptr;
}

std::optional<std::chrono::milliseconds> retry_after(const HeaderList& headers) {
    if (const std::string* ms = find_header(headers, "retry-after-ms")) {
        double value = 0;
        if (Poco::NumberParser::tryParseFloat(*ms, value) && value >= 0) {
            return std::chrono::milliseconds(static_cast<int64_t>(value));
        }
    }
    if (const std::string* after = find_header(headers, "retry-after")) {
        double seconds = 0;
        if (Poco::NumberParser::tryParseFloat(*after, seconds) && seconds >= 0) {
            return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
        }
        Poco::DateTime when;
        int tz = 0;
        if (Poco::DateTimeParser::tryParse(*after, when, tz)) {
            const Poco::Timestamp::TimeDiff diff = when.timestamp() - Poco::Timestamp();
            return std::chrono::milliseconds(std::max<int64_t>(0, diff / 1000));
        }
    }
    return std::nullopt;
}

}  // namespace klaude::support
