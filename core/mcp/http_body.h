// The body of a Streamable HTTP answer to a POST, as JSON-RPC messages: one message (or a batch
// array) for application/json, one message per event for text/event-stream
// (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports). Events of other
// types than "message" and events without data (the SDK's resumability "priming" event) carry
// no message and are skipped.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "klaude/support/http_stream.h"

namespace klaude::core::mcp {

enum class BodyKind { kJson, kEventStream, kOther };

// From the Content-Type of `headers` (lower-case names); `*content_type` gets its value.
BodyKind body_kind(const support::HeaderList& headers, std::string* content_type);

// The largest body or event klaude reads: a server that sends more is not speaking MCP.
constexpr std::size_t kMaxMessageBytes = 64 * 1024 * 1024;

// Calls `on_message` with each message text of the body in order, until it returns false
// (the caller has what it waited for) or the body ends. True when `on_message` stopped it.
// Throws sdk::Error from the stream (a cut, a timeout, a cancel) and std::runtime_error (one
// line) for a JSON body that is not JSON or a body or event past kMaxMessageBytes.
bool read_messages(support::HttpStream& http, BodyKind kind,
                   const std::function<bool(std::string message)>& on_message);

}  // namespace klaude::core::mcp
