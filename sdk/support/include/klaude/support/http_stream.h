// One streaming HTTP(S) POST over Poco::Net, built for cancellation: we connect the socket
// ourselves (non-blocking connect polled in short slices, through an HTTP proxy with CONNECT
// when HTTPS_PROXY says so), register it with the CancelSignal so cancel() can shut it down
// from another thread, then hand it to Poco's HTTP(S)ClientSession. The body is read one
// network read at a time, so the caller can flush output once per read.
#pragma once

#include <chrono>
#include <istream>
#include <memory>
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

namespace klaude::support {

// Request or response headers, in order; names as given (responses: lower-case).
using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpOptions {
    std::chrono::milliseconds connect_timeout{15000};  // TCP connect, proxy CONNECT, TLS
    std::chrono::milliseconds idle_timeout{300000};    // longest wait for the next bytes
    // For https:// URLs; made with make_tls_context() when null. Reuse one: loading the
    // system CA store is not free.
    Poco::Net::Context::Ptr tls_context;
    bool use_proxy_env = true;
};

// The server's certificate was refused (unknown CA, expired, wrong host name). Retrying
// cannot help, so the client does not.
class TlsVerificationError : public sdk::Error {
  public:
    using sdk::Error::Error;
};

// Failures throw sdk::Error: KLAUDE_ERROR_NETWORK (connect, TLS, reset), KLAUDE_ERROR_TIMEOUT,
// KLAUDE_ERROR_CANCELLED, KLAUDE_ERROR_INVALID_ARGUMENT (bad URL). `connected()` tells whether
// the failure happened before the request could be sent (always safe to retry).
class HttpStream {
  public:
    HttpStream(HttpOptions options, std::shared_ptr<CancelSignal> cancel);
    ~HttpStream();
    HttpStream(const HttpStream&) = delete;
    HttpStream& operator=(const HttpStream&) = delete;

    // Connects, sends the request and reads the response head. Returns the status code.
    int post(const std::string& url, const HeaderList& headers, const std::string& body);

    // Response headers (lower-case names), valid after post().
    const HeaderList& response_headers() const { return response_headers_; }
    const std::string& reason() const { return reason_; }

    // The next bytes of the body, from one network read; empty at the end of the body. The view
    // is valid until the next call.
    std::string_view read_some();
    // Up to `limit` bytes of the rest of the body (error responses).
    std::string read_all(size_t limit);

  private:
    Poco::Net::StreamSocket connect_tcp(const std::string& host, uint16_t port);
    // TLS over the connected `socket` within the connect timeout; checks the host name.
    Poco::Net::SecureStreamSocket tls_handshake(Poco::Net::StreamSocket& socket, uint16_t port);
    [[noreturn]] void rethrow(const char* doing);

    HttpOptions options_;
    std::shared_ptr<CancelSignal> cancel_;
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
    std::istream* body_ = nullptr;
    HeaderList response_headers_;
    std::string reason_;
    std::string host_;
    char buffer_[16384];
};

}  // namespace klaude::support
