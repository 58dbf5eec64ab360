// The Chat Completions request body for klaude's provider-neutral request (klaude/abi/client.h):
//
//   instructions                     -> a first message with role "system" (or "developer",
//                                       options.instructions_role)
//   message user / developer         -> a user message / an instructions_role message; text
//                                       parts joined, images as image_url parts
//   message assistant, then the      -> ONE assistant message: its text as content, the calls
//   function_call items after it        as tool_calls [{id, type:"function", function:{name,
//                                       arguments}}]; calls with no message before them get an
//                                       assistant message with content null
//   function_call_output             -> a "tool" message {tool_call_id, content}
//   reasoning                        -> dropped: Chat Completions has no way to send it back
//   tools                            -> [{"type":"function","function":{name,description,
//                                       parameters}}], with parallel_tool_calls
//   reasoning.effort                 -> reasoning_effort
//   max_output_tokens                -> max_tokens or max_completion_tokens (options)
//   (always)                         -> stream:true, stream_options.include_usage (unless
//                                       options.stream_usage is false)
//   options.extra_body               -> merged last: its members replace the built ones; a
//                                       null member removes one
// Not sent: session_id, verbosity, reasoning.summary (no Chat Completions equivalent).
#pragma once

#include <string>
#include <string_view>

#include "plugins/chat/chat_config.h"

namespace klaude::chat {

// Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT) when the request is not a JSON object with
// a "model" string and an "input" array.
std::string build_chat_body(std::string_view request_json, const ChatConfig& config);

}  // namespace klaude::chat
