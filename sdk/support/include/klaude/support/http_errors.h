// What a plugin tells the user when an HTTP API says no. Every HTTP provider needs the same
// few pieces: the klaude status for an HTTP status, the server's own message out of the error
// body (each API family words it differently), and one terminal-safe line to report.
#pragma once

#include <string>
#include <string_view>

#include "klaude/abi/status.h"

namespace klaude::support {

struct ServerError {
    std::string type;     // error.type ("overloaded_error", "invalid_request_error"); may be empty
    std::string code;     // error.code (a number as text), else error.type; may be empty
    std::string message;  // may be empty
};

// Reads the error bodies of the common API families:
//   {"error":{"message","code","type"}}            OpenAI, OpenRouter, vLLM, Ollama
//   {"type":"error","error":{"type","message"}}   Anthropic
//   {"error":"…"}, {"message":"…"}, {"detail":"…"}, {"detail":{"code","message"}}
// A short non-HTML, non-JSON body (a proxy's plain text) becomes the message.
ServerError parse_error_body(std::string_view body);

// True when a 400/404 answer refuses the model itself: unknown, retired, not in the plan, or
// needing a newer client ("model_not_found", "The model `x` does not exist", "… is not
// supported when using Codex with a ChatGPT account", "requires a newer version", Anthropic's
// not_found_error "model: <id>"). Report it
// as KLAUDE_ERROR_MODEL_UNAVAILABLE: the host then answers with the provider's catalog.
bool is_model_refusal(int http_status, std::string_view body);

// 401/403 → KLAUDE_ERROR_AUTH, 429 → KLAUDE_ERROR_RATE_LIMITED, a model refusal →
// KLAUDE_ERROR_MODEL_UNAVAILABLE, every other status → KLAUDE_ERROR_SERVER (the message says
// what the server said).
klaude_status_t status_for_http(int http_status, std::string_view body);

// "HTTP 401 from 'anthropic': invalid x-api-key": `who` names the configured provider (may be
// empty); the server's message when it gave one, else "server error" for 5xx. One line.
std::string http_error_line(int http_status, std::string_view body, std::string_view who);

// Collapses runs of whitespace and control characters (newlines, ESC included) to one space
// and cuts at `max` bytes on a UTF-8 boundary (marked with "…"), so a server's message fits on
// one line and cannot drive the terminal.
std::string one_line(std::string_view text, size_t max = 400);

}  // namespace klaude::support
