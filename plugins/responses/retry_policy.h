// When to send a request again (issue 3):
//  - 5xx answers and connection failures before the first event: exponential backoff with
//    jitter (base, 2×base, 4×base … each ×[0.5, 1.5)), up to max_attempts tries in total;
//  - 429: only when the server says how long to wait (retry-after-ms / retry-after) and that
//    is at most max_retry_after, and all such waits of one call stay within max_retry_total;
//    never for a quota that is used up (the caller checks that first);
//  - never once any output reached the sink (the caller checks that).
#pragma once

#include <chrono>
#include <optional>

#include "plugins/responses/responses_config.h"

namespace klaude::responses {

class RetryPolicy {
  public:
    explicit RetryPolicy(const ResponsesConfig& config);

    // The wait before the next try after `failed_attempt` (1-based) failed with a 5xx or a
    // connection error; nullopt when no tries are left.
    std::optional<std::chrono::milliseconds> after_failure(int failed_attempt) const;

    // The wait before retrying a 429 whose headers asked for `retry_after`; nullopt when the
    // 429 must be reported instead. Counts the wait against the per-call total.
    std::optional<std::chrono::milliseconds> after_rate_limit(
        int failed_attempt, std::optional<std::chrono::milliseconds> retry_after);

  private:
    int max_attempts_;
    std::chrono::milliseconds base_;
    std::chrono::milliseconds max_retry_after_;
    std::chrono::milliseconds max_retry_total_;
    std::chrono::milliseconds waited_{0};
};

// The server's wait hint: `retry-after-ms` (milliseconds), else `retry-after` (seconds or an
// HTTP date). Header names must be lower-case.
std::optional<std::chrono::milliseconds> retry_after(const HeaderList& headers);

// The value of header `name` (lower-case), or nullptr.
const std::string* find_header(const HeaderList& headers, std::string_view name);

}  // namespace klaude::responses
