// Builds Responses API SSE streams for scripted model turns: a text answer, or function calls.
// The event shapes follow the recorded transcripts in tests/plugins/responses/transcripts/
// (output_item.added/.done around argument or text deltas, then response.completed with usage).
#pragma once

#include <string>
#include <vector>

namespace klaude::testing {

struct ScriptedCall {
    std::string call_id;
    std::string name;
    std::string arguments;  // JSON text
};

// A response that streams `text` in a few deltas.
std::string sse_answer(const std::string& text);

// A response that calls the given tools (arguments streamed in two deltas each).
std::string sse_calls(const std::vector<ScriptedCall>& calls);

// JSON string literal of `text` (with quotes).
std::string json_quote(const std::string& text);

}  // namespace klaude::testing
