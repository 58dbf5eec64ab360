// One streaming HTTP(S) request over Poco::Net, built for cancellation: we connect the socket
// ourselves (non-blocking connect polled in short slices, through an HTTP proxy with CONNECT
// when HTTPS_PROXY says so), register it with the CancelSignal so cancel() can shut it down
// from another thread, write the request and read the response with our own HTTP/1.1 framing.
// The body is read one network read at a time, so the caller can flush output once per read.
//
// With HttpOptions::pool set, the connection is kept alive: it is taken from the pool when one
// fits and goes back after a response that was read to its end (read_some() returned empty, or
// finish() said true) when neither side said `Connection: close`. A connection from the pool
// that turns out dead before the first byte of the response is replaced once, transparently
// (see send()).
#pragma once

#include <chrono>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <utility>
#include <vector>
#include "klaude/sdk/error.hpp"
#include "klaude/support/cancel_signal.h"
#include "klaude/support/connection_pool.h"
#include "klaude/support/proxy_env.h"

namespace klaude::support {

namespace detail {
class BodyDecoder;
}

// Request or response headers, in order; names as given (responses: lower-case).
using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpOptions {
    std::chrono::milliseconds connect_timeout{15000};  // TCP connect, proxy CONNECT, TLS
    std::chrono::milliseconds idle_timeout{300000};    // longest wait for the next bytes
    // For https:// URLs; made with make_tls_context() when null. Reuse one: loading the
    // system CA store is not free.
    Poco::Net::Context::Ptr tls_context;
    bool use_proxy_env = true;
    // Keep the connection alive in this pool between requests (share one per client). Null:
    // a new connection per request, sent with `Connection: close`.
    std::shared_ptr<ConnectionPool> pool;
};

// The server's certificate was refused (unknown CA, expired, wrong host name). Retrying
// cannot help, so the client does not.
class TlsVerificationError : public sdk::Error {
  public:
    using sdk::Error::Error;
};

// Failures throw sdk::Error: KLAUDE_ERROR_NETWORK (connect, TLS, reset), KLAUDE_ERROR_TIMEOUT,
// KLAUDE_ERROR_CANCELLED, KLAUDE_ERROR_INVALID_ARGUMENT (bad URL). One object serves one
// request; create another for the next one (with the same pool to reuse the connection).
class HttpStream {
  public:
    HttpStream(HttpOptions options, std::shared_ptr<CancelSignal> cancel);
    // Returns the connection to the pool when the response was read to its end and may be
    // kept alive; closes it otherwise.
    ~HttpStream();
    HttpStream(const HttpStream&) = delete;
    HttpStream& operator=(const HttpStream&) = delete;

    // Connects (or takes a kept-alive connection from the pool), sends `method url` with the
    // headers and, when not empty, the body with its Content-Length, and reads the response
    // head. Returns the status code. `method` is any token ("GET", "POST", ...); a GET is sent
    // without a body and without Content-Length.
    //
    // A pooled connection the server had closed (the request cannot be written, or the
    // connection ends or is reset before the first byte of the status line) is retried once
    // on a new connection: no response byte arrived, so the server did not answer this
    // request; it either never read it or dropped it, as a fresh connection failing before the
    // response would. Never after a response byte, never on a timeout or a cancel, and never
    // for a fresh connection: those fail as they are, and the caller's retry policy decides.
    int send(const std::string& method, const std::string& url, const HeaderList& headers,
             const std::string& body);
    // send("POST", ...).
    int post(const std::string& url, const HeaderList& headers, const std::string& body) {
        return send("POST", url, headers, body);
    }

    // Response headers (lower-case names), valid after send().
    const HeaderList& response_headers() const { return response_headers_; }
    const std::string& reason() const { return reason_; }
    // The request went over a kept-alive connection from the pool.
    bool reused_connection() const { return reused_; }

    // The next bytes of the body, from one network read; empty at the end of the body. A body
    // cut short (the server closed the connection before its Content-Length or its last chunk)
    // throws KLAUDE_ERROR_NETWORK once the bytes that did arrive were returned. A body without
    // length ends when the server closes: callers of such servers check their own end marker.
    // The view is valid until the next call.
    std::string_view read_some();
    // Up to `limit` bytes of the rest of the body (error responses).
    std::string read_all(size_t limit);

    // Reads and discards the rest of the body so the connection can be reused: for callers
    // that stop at their own end marker (an SSE stream's last event), when the server's end of
    // the body may still be on its way. Waits at most `wait` for each network read and reads
    // at most `limit` bytes. Returns true when the body ended (the connection is reusable if
    // keep-alive allows). Never throws; a failure closes the connection.
    bool finish(std::chrono::milliseconds wait = std::chrono::milliseconds(1000),
                size_t limit = 64 * 1024) noexcept;

  private:
    struct Connection;
    std::unique_ptr<Connection> open_connection(bool tls, uint16_t port,
                                                const std::optional<ProxyTarget>& proxy,
                                                ConnectionKey key);
    Poco::Net::StreamSocket connect_tcp(const std::string& host, uint16_t port);
    // TLS over the connected `socket` within the connect timeout; checks the host name.
    Poco::Net::SecureStreamSocket tls_handshake(Poco::Net::StreamSocket& socket,
                                                const std::string& server_name, uint16_t port);
    void write_request(const std::string& bytes);
    int read_head(const std::string& method);
    // One network read into the buffer after its unread bytes; 0 at end of stream.
    size_t receive_more();
    void release() noexcept;
    [[noreturn]] void rethrow(const char* doing);

    HttpOptions options_;
    std::shared_ptr<CancelSignal> cancel_;
    std::unique_ptr<Connection> connection_;
    HeaderList response_headers_;
    std::string reason_;
    std::string host_;
    bool reused_ = false;
    bool keep_alive_ = false;     // the response allows another request on the connection
    bool body_complete_ = false;  // its body was read to the end the framing gives
    bool broken_ = false;         // a failure or an early end: never reuse
    std::chrono::milliseconds keep_for_ = std::chrono::milliseconds::max();
    std::unique_ptr<detail::BodyDecoder> decoder_;
    std::vector<char> buffer_;  // received bytes: [begin_, end_) not yet decoded
    size_t begin_ = 0;
    size_t end_ = 0;
    size_t response_bytes_ = 0;  // bytes of the response received so far
};

}  // namespace klaude::support
