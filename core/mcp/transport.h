// How an McpClient reaches its server: one JSON-RPC message at a time out, whole messages in.
// Two implementations: StdioProcess (a child process, one message per line) and HttpTransport
// (Streamable HTTP: a POST per message, the answers as JSON or an event stream).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/config/config.h"

namespace klaude::core::mcp {

class Transport {
  public:
    // Called on the transport's threads; they must not throw. StdioProcess calls them from one
    // reader thread; HttpTransport from a thread per request in flight, so they may run
    // concurrently with each other.
    struct Handlers {
        std::function<void(std::string message)> on_message;  // one JSON-RPC message
        // The server is gone or broke the transport's rules: `why` is one line ("exited with
        // status 1", "HTTP 500 from http://…: …"). Called at most once.
        std::function<void(const std::string& why)> on_closed;
    };

    virtual ~Transport() = default;

    // [thread-safe] Sends one message as json_rpc.h serializes it (one line ending in '\n'),
    // waiting at most `timeout` for the transport to take it. False when it could not: the
    // transport has then reported why through on_closed (or is shut down).
    virtual bool send(std::string_view message, std::chrono::milliseconds timeout) = 0;

    // [thread-safe, idempotent] Ends the connection to the server as its transport's part of
    // the specification says. Joins the transport's threads; must not be called from a handler.
    virtual void shutdown() = 0;
};

// The transport `config` asks for: a StdioProcess for "command", an HttpTransport for "url".
// Throws std::runtime_error (one line) when it cannot be opened.
std::unique_ptr<Transport> open_transport(const McpServerConfig& config,
                                          Transport::Handlers handlers);

}  // namespace klaude::core::mcp
