// Token usage, summed per turn and per session.
#pragma once

#include <cstdint>
#include <string_view>

namespace klaude::core {

struct Usage {
    uint64_t input_tokens = 0;
    uint64_t cached_input_tokens = 0;
    uint64_t output_tokens = 0;
    uint64_t reasoning_tokens = 0;
    uint64_t total_tokens = 0;

    Usage& operator+=(const Usage& other);
    // From a KLAUDE_EVENT_USAGE payload; missing fields are 0, invalid JSON gives all zeros.
    static Usage from_json(std::string_view json);
};

}  // namespace klaude::core
