// The Messages API request body for klaude's provider-neutral request (klaude/abi/client.h):
//
//   instructions                     -> system: [{"type":"text","text":…}]
//   message developer (or system)    -> more text blocks of `system`, after the instructions
//   message user / assistant         -> a user / assistant message: text blocks (empty text
//                                       dropped: the API refuses it), image_url parts as image
//                                       blocks (a data: URL as a base64 source, else a url
//                                       source)
//   function_call                    -> a tool_use block {id: call_id, name, input: the parsed
//                                       arguments; unparsable or not an object: {} and a note}
//                                       in the assistant message
//   function_call_output             -> a tool_result block {tool_use_id, content, is_error
//                                       when the item says "is_error": true} in a user message
//   reasoning with a provider_state  -> that block, verbatim, in the assistant message: the
//   of type thinking/redacted_thinking  thinking blocks this plugin streamed (the API checks
//                                       their signatures); other reasoning items are dropped
//   consecutive items of one role    -> one message (so a turn's tool results share one user
//                                       message, and its thinking, text and calls one assistant
//                                       message, in item order: thinking first, as streamed)
//   a first message from assistant   -> preceded by a user message "(continue)": the API wants
//                                       the user first
//   tools                            -> [{name, description, input_schema}];
//                                       parallel_tool_calls false: tool_choice {"type":"auto",
//                                       "disable_parallel_tool_use":true}
//   reasoning.effort                 -> thinking {"type":"enabled","budget_tokens":N} from
//                                       options.thinking_budgets; no effort, "none", or a model
//                                       known not to think: no thinking
//   max_output_tokens                -> max_tokens; else options.max_tokens; else the model
//                                       family's output limit; else 8192. Clamped to the
//                                       family's limit; raised above the thinking budget
//   prompt caching (options)         -> cache_control {"type":"ephemeral"} on the last system
//                                       block, the last tool and the last content block of the
//                                       last message, never more than 4 in the body
// Not sent: session_id, verbosity, reasoning.summary (the Messages API has no equivalent).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plugins/anthropic/anthropic_config.h"

namespace klaude::anthropic {

struct MessagesBody {
    std::string json;
    // What was changed or dropped on the way, for the debug log (never shown otherwise).
    std::vector<std::string> notes;
};

// The most cache_control breakpoints the API accepts in one request.
inline constexpr int kMaxCacheBreakpoints = 4;
// Output tokens kept for the answer when max_tokens has to be raised above a thinking budget.
inline constexpr int64_t kAnswerTokens = 4096;

// Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT) when the request is not a JSON object with
// a "model" string and an "input" array.
MessagesBody build_messages_body(std::string_view request_json, const AnthropicConfig& config);

}  // namespace klaude::anthropic
