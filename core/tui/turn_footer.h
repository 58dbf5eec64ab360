// The line after each turn of the interactive session on a terminal: what the turn cost and
// how much room the conversation has left,
//   tokens: 20 in (45% cached) · 10 out (4 reasoning) · context 8177 of 8192 left (99%)
// (a pipe keeps the plain describe_usage line).
#pragma once

#include <cstdint>
#include <string>

#include "core/agent/usage.h"

namespace klaude::core::tui {

// `turn`: the sum over the turn's model calls. `context_used`: the tokens the next request
// starts from (context_tokens_used). `context_window`: the current model's input limit, 0 when
// unknown (the context part is then left out). The cached share and the reasoning count are
// left out when 0. `unicode` picks " · " or " - " between the parts.
std::string describe_turn_footer(const Usage& turn, uint64_t context_used, uint64_t context_window,
                                 bool unicode = true);

// The last model call's input plus output: the least the next request will carry. When the
// provider reported no usage, `estimate` (the conversation's own estimate) instead.
uint64_t context_tokens_used(const Usage& last_call, uint64_t estimate);

// A token count for people: exact below 10 000, then "12.3k", "123k", "1.2M".
std::string format_tokens(uint64_t count);

}  // namespace klaude::core::tui
