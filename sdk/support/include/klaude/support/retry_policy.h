// When to send a request again, before any of its answer reached the user:
//  - 5xx answers and connection failures: exponential backoff with jitter (base, 2×base,
//    4×base … each ×[0.5, 1.5)), up to max_attempts tries in total;
//  - 429 (and Anthropic's 529): only when the server says how long to wait (retry-after-ms /
//    retry-after) and that is at most max_retry_after, with all such waits of one call within
//    max_retry_total; never for a used-up quota (the caller checks that first);
//  - never once any output reached the sink (the caller checks that).
// One RetryPolicy per model call: it counts the waits of that call.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "klaude/support/http_stream.h"

namespace klaude::support {

struct RetrySettings {
    int max_attempts = 4;                               // tries in total, >= 1
    std::chrono::milliseconds base{500};                // first backoff
    std::chrono::milliseconds max_retry_after{60000};   // longest server-asked wait
    std::chrono::milliseconds max_retry_total{120000};  // all server-asked waits of a call
};

class RetryPolicy {
  public:
    explicit RetryPolicy(const RetrySettings& settings) : settings_(settings) {}

    // The wait before the next try after `failed_attempt` (1-based) failed with a 5xx or a
    // connection error; nullopt when no tries are left.
    std::optional<std::chrono::milliseconds> after_failure(int failed_attempt) const;

    // The wait before retrying a 429 whose headers asked for `retry_after`; nullopt when the
    // 429 must be reported instead. Counts the wait against the per-call total.
    std::optional<std::chrono::milliseconds> after_rate_limit(
        int failed_attempt, std::optional<std::chrono::milliseconds> retry_after);

  private:
    RetrySettings settings_;
    std::chrono::milliseconds waited_{0};
};

// The server's wait hint: `retry-after-ms` (milliseconds), else `retry-after` (seconds or an
// HTTP date). Header names must be lower-case, as HttpStream::response_headers() gives them.
std::optional<std::chrono::milliseconds> retry_after(const HeaderList& headers);

// The value of header `name` (lower-case), or nullptr.
const std::string* find_header(const HeaderList& headers, std::string_view name);

}  // namespace klaude::support
