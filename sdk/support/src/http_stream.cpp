#include "klaude/support/http_stream.h"

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Net/DNS.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HostEntry.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/URI.h>

#include "klaude/sdk/error.hpp"
#include "klaude/support/proxy_env.h"
#include "klaude/support/tls_context.h"

#include "body_decoder.h"
#include "sigpipe_guard.h"

namespace klaude::support {
namespace {

// The status code of a response head ("HTTP/1.1 529 Overloaded\r\n…"); Poco has already
// checked the line's form when this is called.
int status_code(std::string_view head) {
    const size_t space = head.find(' ');
    if (space == std::string_view::npos || space + 4 > head.size()) {
        return 0;
    }
    int code = 0;
    for (size_t i = space + 1; i < space + 4; ++i) {
        if (head[i] < '0' || head[i] > '9') {
            return 0;
        }
        code = code * 10 + (head[i] - '0');
    }
    return code;
}

// CONNECT `host`:`port` through the proxy on `socket`. The answer's head is read here, a byte
// at a time (the tunnel's first bytes after it belong to TLS), and only its status code looked
// at: Poco's HTTPResponse would store a code it does not know in its enum, which is undefined.
template <typename Proxy>
void proxy_connect(Poco::Net::StreamSocket& socket, const Proxy& proxy, const std::string& host,
                   uint16_t port) {
    Poco::Net::HTTPRequest connect(Poco::Net::HTTPRequest::HTTP_CONNECT,
                                   host + ":" + std::to_string(port),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    connect.setHost(host, port);
    if (!proxy.username.empty()) {
        Poco::Net::HTTPBasicCredentials(proxy.username, proxy.password).proxyAuthenticate(connect);
    }
    std::ostringstream request;
    connect.write(request);
    const std::string bytes = request.str();
    for (size_t sent = 0; sent < bytes.size();) {
        sent += static_cast<size_t>(
            socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent)));
    }
    std::string head;
    constexpr size_t kMaxConnectHead = 16384;
    while (head.size() < 4 || head.compare(head.size() - 4, 4, "\r\n\r\n") != 0) {
        char c = 0;
        if (head.size() >= kMaxConnectHead || socket.receiveBytes(&c, 1) != 1) {
            throw sdk::Error(KLAUDE_ERROR_NETWORK, "proxy " + proxy.host +
                                                       " closed the connection during CONNECT to " +
                                                       host + " (check HTTPS_PROXY / NO_PROXY)");
        }
        head += c;
    }
    if (status_code(head) != 200) {
        throw sdk::Error(KLAUDE_ERROR_NETWORK, "proxy " + proxy.host + " refused CONNECT to " +
                                                   host + ": " + head.substr(0, head.find('\r')) +
                                                   " (check HTTPS_PROXY / NO_PROXY)");
    }
}

using Clock = std::chrono::steady_clock;
// How often blocking phases we poll ourselves look at the cancel flag.
constexpr std::chrono::milliseconds kPollSlice{25};
// The receive buffer; the response head may grow it up to kMaxHead.
constexpr size_t kBufferSize = 16384;
constexpr size_t kMaxHead = 64 * 1024;

Poco::Timespan timespan(std::chrono::milliseconds ms) {
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// True when the comma-separated header `value` holds `token` (case-insensitive).
bool has_token(const std::string& value, const char* token) {
    std::istringstream in(value);
    std::string item;
    while (std::getline(in, item, ',')) {
        const size_t b = item.find_first_not_of(" \t");
        const size_t e = item.find_last_not_of(" \t");
        if (b != std::string::npos && strcasecmp(item.substr(b, e - b + 1).c_str(), token) == 0) {
            return true;
        }
    }
    return false;
}

// Whether the exception in flight is a timeout or one of ours (cancel, bad URL, ...): those
// are never the sign of a kept-alive connection the server had closed.
bool in_flight_is_timeout_or_ours() {
    try {
        throw;
    } catch (const Poco::TimeoutException&) {
        return true;
    } catch (const sdk::Error&) {
        return true;
    } catch (...) {
        return false;
    }
}

std::string seconds_text(std::chrono::milliseconds ms) {
    return ms.count() % 1000 == 0 ? std::to_string(ms.count() / 1000) + " s"
                                  : std::to_string(ms.count()) + " ms";
}

}  // namespace

// The socket a request runs on, and what it may be reused for.
struct HttpStream::Connection {
    Poco::Net::StreamSocket socket;  // plain, or the SecureStreamSocket over it
    int fd = -1;                     // the TCP socket, registered with the CancelSignal
    ConnectionKey key;
};

HttpStream::HttpStream(HttpOptions options, std::shared_ptr<CancelSignal> cancel)
    : options_(std::move(options)),
      cancel_(std::move(cancel)),
      decoder_(std::make_unique<detail::BodyDecoder>()) {}

HttpStream::~HttpStream() {
    release();
}

void HttpStream::release() noexcept {
    // Forget the fd before the socket closes or goes to the pool, so cancel() can never shut
    // down an fd that was reused, or a connection another request owns.
    cancel_->detach_socket();
    if (!connection_) {
        return;
    }
    // A cancel that came before the detach may have shut the socket down: never pool it.
    if (options_.pool && keep_alive_ && body_complete_ && !broken_ && !cancel_->cancelled()) {
        options_.pool->put(connection_->key, PooledConnection{connection_->socket, connection_->fd},
                           keep_for_);
    } else {
        detail::close_quietly(connection_->socket);
    }
    connection_.reset();
}

void HttpStream::rethrow(const char* doing) {
    // Called from a catch block: classify the exception in flight.
    if (cancel_->cancelled()) {
        throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
    }
    try {
        throw;
    } catch (const sdk::Error&) {
        throw;
    } catch (const Poco::TimeoutException&) {
        throw sdk::Error(KLAUDE_ERROR_TIMEOUT,
                         std::string("timed out ") + doing + " " + host_ + " (no data for " +
                             seconds_text(options_.idle_timeout) +
                             "; raise options.idle_timeout_ms if the model needs longer)");
    } catch (const Poco::Net::CertificateValidationException& e) {
        // Poco raises this after a good chain when the certificate names another host.
        throw TlsVerificationError(KLAUDE_ERROR_NETWORK,
                                   "TLS certificate rejected: it is not valid for host " + host_ +
                                       " (" + e.message() + "); check base_url");
    } catch (const Poco::Net::SSLException& e) {
        if (e.displayText().find("certificate verify failed") != std::string::npos) {
            throw TlsVerificationError(KLAUDE_ERROR_NETWORK,
                                       "TLS certificate of " + host_ +
                                           " rejected: certificate verify failed (unknown "
                                           "issuer or expired; set options.ca_file for a "
                                           "private CA)");
        }
        throw sdk::Error(KLAUDE_ERROR_NETWORK,
                         std::string("TLS error ") + doing + " " + host_ + ": " + e.displayText());
    } catch (const Poco::Exception& e) {
        throw sdk::Error(KLAUDE_ERROR_NETWORK, std::string("network error ") + doing + " " + host_ +
                                                   ": " + e.displayText());
    } catch (const std::exception& e) {
        throw sdk::Error(KLAUDE_ERROR_NETWORK,
                         std::string("network error ") + doing + " " + host_ + ": " + e.what());
    }
}

Poco::Net::StreamSocket HttpStream::connect_tcp(const std::string& host, uint16_t port) {
    const auto deadline = Clock::now() + options_.connect_timeout;
    Poco::Net::HostEntry::AddressList addresses;
    try {
        addresses = Poco::Net::DNS::resolve(host).addresses();
    } catch (const Poco::Exception& e) {
        throw sdk::Error(KLAUDE_ERROR_NETWORK,
                         "cannot resolve " + host + ": " + e.displayText() + " (check the URL)");
    }
    std::string last_error = "no address";
    for (const Poco::Net::IPAddress& address : addresses) {
        Poco::Net::StreamSocket socket(address.family());
        cancel_->attach_socket(socket.impl()->sockfd());
        try {
            socket.connectNB(Poco::Net::SocketAddress(address, port));
            // Poll in short slices so that cancel() is seen within ~25 ms even while a SYN
            // goes unanswered (shutdown() does not wake a connecting socket on every OS).
            bool ready = false;
            while (!ready) {
                if (cancel_->cancelled()) {
                    throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
                }
                auto left =
                    std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
                if (left.count() <= 0) {
                    throw sdk::Error(KLAUDE_ERROR_TIMEOUT,
                                     "timed out connecting to " + host + ":" +
                                         std::to_string(port) + " after " +
                                         seconds_text(options_.connect_timeout));
                }
                ready =
                    socket.poll(timespan(std::min(left, kPollSlice)),
                                Poco::Net::Socket::SELECT_WRITE | Poco::Net::Socket::SELECT_ERROR);
            }
            int error = socket.impl()->socketError();
            if (error != 0) {
                throw Poco::Net::NetException(std::string(std::strerror(error)));
            }
            socket.setBlocking(true);
            socket.setNoDelay(true);
            return socket;
        } catch (const sdk::Error&) {
            cancel_->detach_socket();
            throw;
        } catch (const Poco::Exception& e) {
            cancel_->detach_socket();
            last_error = e.displayText();
        }
    }
    throw sdk::Error(KLAUDE_ERROR_NETWORK,
                     "cannot connect to " + host + ":" + std::to_string(port) + ": " + last_error);
}

Poco::Net::SecureStreamSocket HttpStream::tls_handshake(Poco::Net::StreamSocket& socket,
                                                        const std::string& server_name,
                                                        uint16_t port) {
    // Poco's blocking handshake swallows a receive timeout (attach() returns half-shaken) and
    // starts over from the first write, so a server that accepts and never answers the
    // ClientHello held us for several connect timeouts. Shake hands non-blocking instead, in
    // short polled slices under one deadline, like connect_tcp().
    const auto deadline = Clock::now() + options_.connect_timeout;
    socket.setBlocking(false);
    Poco::Net::SecureStreamSocket secure = Poco::Net::SecureStreamSocket::attach(
        socket, server_name,
        options_.tls_context ? options_.tls_context : make_tls_context(std::string()));
    // The TLS socket closes the TCP socket when it dies: on failure, forget the fd first.
    try {
        for (;;) {
            const int rc = secure.completeHandshake();
            if (rc == 1) {
                break;
            }
            if (rc != Poco::Net::SecureStreamSocket::ERR_SSL_WANT_READ &&
                rc != Poco::Net::SecureStreamSocket::ERR_SSL_WANT_WRITE) {
                throw Poco::Net::SSLException(
                    "the server closed the connection during the handshake");
            }
            if (cancel_->cancelled()) {
                throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
            }
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) {
                throw sdk::Error(KLAUDE_ERROR_TIMEOUT,
                                 "timed out in the TLS handshake with " + host_ + ":" +
                                     std::to_string(port) + " (no answer within " +
                                     seconds_text(options_.connect_timeout) +
                                     "; options.connect_timeout_ms sets the limit)");
            }
            secure.poll(timespan(std::min(left, kPollSlice)),
                        rc == Poco::Net::SecureStreamSocket::ERR_SSL_WANT_WRITE
                            ? Poco::Net::Socket::SELECT_WRITE
                            : Poco::Net::Socket::SELECT_READ);
        }
        // Both layers: the TLS socket wraps the plain one, and Poco's SSL reads consult the plain
        // socket's blocking flag to turn a receive timeout into TimeoutException (idle timeout).
        socket.setBlocking(true);
        secure.setBlocking(true);
        // A non-blocking handshake skips Poco's post-connect check of the host name: do it here.
        secure.verifyPeerCertificate();
    } catch (...) {
        cancel_->detach_socket();
        throw;
    }
    return secure;
}

std::unique_ptr<HttpStream::Connection> HttpStream::open_connection(
    bool tls, uint16_t port, const std::optional<ProxyTarget>& proxy, ConnectionKey key) {
    // Declared before the try: the catch must detach the fd from the CancelSignal before the
    // socket closes.
    Poco::Net::StreamSocket socket;
    try {
        socket = proxy ? connect_tcp(proxy->host, proxy->port) : connect_tcp(host_, port);
        const int fd = socket.impl()->sockfd();
        // TLS handshake and proxy CONNECT are bounded by the connect timeout; reads of the
        // response by the idle timeout.
        socket.setReceiveTimeout(timespan(options_.connect_timeout));
        socket.setSendTimeout(timespan(options_.connect_timeout));
        if (!tls) {
            return std::make_unique<Connection>(Connection{socket, fd, std::move(key)});
        }
        if (proxy) {
            // CONNECT host:port through the proxy, then TLS inside the tunnel.
            proxy_connect(socket, *proxy, host_, port);
        }
        Poco::Net::SecureStreamSocket secure = tls_handshake(socket, host_, port);
        return std::make_unique<Connection>(Connection{secure, fd, std::move(key)});
    } catch (...) {
        cancel_->detach_socket();
        throw;
    }
}

void HttpStream::write_request(const std::string& bytes) {
    // A kept-alive connection the server has just closed makes this write fail with EPIPE.
    detail::SigpipeGuard guard;
    size_t sent = 0;
    while (sent < bytes.size()) {
        const int n = connection_->socket.sendBytes(
            bytes.data() + sent, static_cast<int>(std::min<size_t>(bytes.size() - sent, 1 << 20)));
        if (n <= 0) {
            throw Poco::Net::NetException("sending the request failed");
        }
        sent += static_cast<size_t>(n);
    }
}

size_t HttpStream::receive_more() {
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buffer_.size()) {
        buffer_.resize(buffer_.size() * 2);  // only a long response head gets here
    }
    const int n = connection_->socket.receiveBytes(buffer_.data() + end_,
                                                   static_cast<int>(buffer_.size() - end_));
    if (n <= 0) {
        return 0;
    }
    end_ += static_cast<size_t>(n);
    response_bytes_ += static_cast<size_t>(n);
    return static_cast<size_t>(n);
}

int HttpStream::read_head(const std::string& method) {
    for (;;) {
        // The head ends at the first empty line (CRLF CRLF, or bare LFs).
        size_t head_end = std::string::npos;
        for (;;) {
            for (size_t i = begin_; i < end_ && head_end == std::string::npos; ++i) {
                if (buffer_[i] != '\n') {
                    continue;
                }
                if (i + 1 < end_ && buffer_[i + 1] == '\n') {
                    head_end = i + 2;
                } else if (i + 2 < end_ && buffer_[i + 1] == '\r' && buffer_[i + 2] == '\n') {
                    head_end = i + 3;
                }
            }
            if (head_end != std::string::npos) {
                break;
            }
            // Fail at once on a server that does not speak HTTP, rather than wait for a blank
            // line that never comes.
            if (std::memcmp(buffer_.data() + begin_, "HTTP/", std::min<size_t>(end_ - begin_, 5)) !=
                0) {
                throw Poco::Net::MessageException("the server did not answer with HTTP");
            }
            if (end_ - begin_ > kMaxHead) {
                throw Poco::Net::MessageException("the response head is larger than 64 KiB");
            }
            if (receive_more() == 0) {
                if (response_bytes_ == 0) {
                    throw Poco::Net::NoMessageException(
                        "the server closed the connection without answering");
                }
                throw Poco::Net::MessageException(
                    "the server closed the connection inside the response head");
            }
        }

        Poco::Net::HTTPResponse response;
        std::istringstream in(std::string(buffer_.data() + begin_, head_end - begin_));
        response.read(in);
        // The code from the status line itself: Poco keeps it in an enum that has no value for
        // codes it does not know (Anthropic's 529), and reading such a value back is undefined.
        const int status =
            status_code(std::string_view(buffer_.data() + begin_, head_end - begin_));
        begin_ = head_end;
        if (status >= 100 && status < 200 && status != 101) {
            continue;  // 100 Continue and other interim answers: the real one follows
        }

        reason_ = response.getReason();
        response_headers_.clear();
        for (const auto& [name, value] : response) {
            response_headers_.emplace_back(lower(name), value);
        }

        using Framing = detail::BodyDecoder::Framing;
        const std::string encoding = response.get("Transfer-Encoding", "");
        if (method == "HEAD" || status == 204 || status == 304) {
            decoder_->start(Framing::kEmpty);
        } else if (!encoding.empty() && has_token(encoding, "chunked")) {
            decoder_->start(Framing::kChunked);
        } else if (response.hasContentLength()) {
            const auto length = response.getContentLength64();
            if (length < 0) {
                throw Poco::Net::MessageException("invalid Content-Length");
            }
            decoder_->start(Framing::kLength, static_cast<uint64_t>(length));
        } else {
            decoder_->start(Framing::kUntilClose);
        }
        if (!encoding.empty() && !has_token(encoding, "chunked")) {
            decoder_->start(Framing::kUntilClose);  // an encoding we do not frame
        }

        // HTTP/1.1 keeps the connection unless either side said close; a body that ends with
        // the connection, or an upgrade, cannot.
        keep_alive_ = options_.pool != nullptr &&
                      response.getVersion() == Poco::Net::HTTPMessage::HTTP_1_1 &&
                      !has_token(response.get("Connection", ""), "close") && status != 101 &&
                      decoder_->framing() != Framing::kUntilClose;
        // "Keep-Alive: timeout=N": the server closes idle connections after N s. Stop using
        // this one a second before, rather than race its close.
        if (const std::string advice = response.get("Keep-Alive", ""); !advice.empty()) {
            const size_t at = lower(advice).find("timeout=");
            if (at != std::string::npos) {
                const long seconds = std::strtol(advice.c_str() + at + 8, nullptr, 10);
                keep_for_ = std::chrono::milliseconds(std::max(0L, seconds - 1) * 1000);
            }
        }
        if (decoder_->done()) {
            body_complete_ = true;
        }
        return status;
    }
}

int HttpStream::send(const std::string& method, const std::string& url, const HeaderList& headers,
                     const std::string& body) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& e) {
        throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, "bad URL " + url + ": " + e.displayText());
    }
    const bool tls = uri.getScheme() == "https";
    if (!tls && uri.getScheme() != "http") {
        throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT,
                         "bad URL " + url + ": only http:// and https:// are supported");
    }
    host_ = uri.getHost();
    const uint16_t port = uri.getPort();
    std::optional<ProxyTarget> proxy;
    if (options_.use_proxy_env) {
        proxy = proxy_for(uri.getScheme(), host_, port);
    }
    const bool pooled = options_.pool != nullptr;
    ConnectionKey key{uri.getScheme(), host_, port,
                      proxy ? proxy->host + ":" + std::to_string(proxy->port) : std::string(),
                      tls ? options_.tls_context.get() : nullptr};

    // The request bytes, written at once (one write for head and body).
    std::string bytes;
    {
        std::string target = uri.getPathEtc();
        if (target.empty()) {
            target = "/";
        }
        Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
        if (proxy && !tls) {
            // A plain-HTTP proxy takes the absolute URI.
            request.setURI(uri.toString());
            if (!proxy->username.empty()) {
                Poco::Net::HTTPBasicCredentials(proxy->username, proxy->password)
                    .proxyAuthenticate(request);
            }
        }
        request.setHost(host_, port);
        // HTTP/1.1 keeps connections alive unless told otherwise: say only "close" (as curl
        // and the Codex CLI do; the Codex conformance test holds us to it).
        if (!pooled) {
            request.setKeepAlive(false);
        }
        if (!body.empty() || (method != "GET" && method != "HEAD")) {
            request.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        for (const auto& [name, value] : headers) {
            request.set(name, value);
        }
        std::ostringstream out;
        request.write(out);
        bytes = out.str();
        bytes += body;
    }

    bool may_reuse = pooled;
    for (;;) {
        reused_ = false;
        keep_alive_ = false;
        body_complete_ = false;
        broken_ = false;
        keep_for_ = std::chrono::milliseconds::max();
        response_headers_.clear();
        reason_.clear();
        buffer_.assign(kBufferSize, '\0');
        begin_ = end_ = 0;
        response_bytes_ = 0;

        if (may_reuse) {
            if (std::optional<PooledConnection> idle = options_.pool->take(key)) {
                connection_ = std::make_unique<Connection>(Connection{idle->socket, idle->fd, key});
                reused_ = true;
                cancel_->attach_socket(connection_->fd);
            }
        }
        if (!reused_) {
            try {
                connection_ = open_connection(tls, port, proxy, key);
            } catch (...) {
                rethrow("connecting to");
            }
        }
        try {
            connection_->socket.setReceiveTimeout(timespan(options_.idle_timeout));
            write_request(bytes);
            return read_head(method);
        } catch (...) {
            // A kept-alive connection the server closed while it idled: nothing of a response
            // came back, so go again, once, on a new connection (see the header for why).
            const bool retry = reused_ && response_bytes_ == 0 && !cancel_->cancelled() &&
                               !in_flight_is_timeout_or_ours();
            broken_ = true;
            release();
            if (retry) {
                may_reuse = false;
                continue;
            }
            rethrow("talking to");
        }
    }
}

std::string_view HttpStream::read_some() {
    if (!connection_) {
        return {};
    }
    try {
        for (;;) {
            if (begin_ < end_ || decoder_->done()) {
                const size_t at = begin_;
                const detail::BodyDecoder::Step step =
                    decoder_->decode(buffer_.data() + begin_, end_ - begin_);
                begin_ += step.used;
                if (decoder_->done()) {
                    body_complete_ = true;
                    if (begin_ != end_) {
                        broken_ = true;  // bytes after the response: not a connection to trust
                    }
                }
                if (step.body > 0) {
                    return std::string_view(buffer_.data() + at, step.body);
                }
                if (decoder_->done()) {
                    return {};
                }
            }
            // One network read: it blocks at most the idle timeout.
            if (receive_more() == 0) {
                if (cancel_->cancelled()) {
                    throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
                }
                // The server closed the connection: the end of a body without length; a cut
                // one when the framing (a length, or chunks up to the last one) promised more.
                broken_ = true;
                if (decoder_->framing() == detail::BodyDecoder::Framing::kUntilClose) {
                    return {};
                }
                throw sdk::Error(KLAUDE_ERROR_NETWORK, "the connection to " + host_ +
                                                           " closed before the end of the "
                                                           "response (a cut stream)");
            }
        }
    } catch (...) {
        broken_ = true;
        rethrow("reading from");
    }
}

std::string HttpStream::read_all(size_t limit) {
    std::string out;
    while (out.size() < limit) {
        std::string_view piece = read_some();
        if (piece.empty()) {
            break;
        }
        out.append(piece.substr(0, limit - out.size()));
    }
    return out;
}

bool HttpStream::finish(std::chrono::milliseconds wait, size_t limit) noexcept {
    if (!connection_ || broken_) {
        return false;
    }
    if (body_complete_) {
        return begin_ == end_;
    }
    try {
        connection_->socket.setReceiveTimeout(timespan(std::min(wait, options_.idle_timeout)));
        size_t read = 0;
        while (!body_complete_ && !broken_) {
            const std::string_view piece = read_some();
            read += piece.size();
            if (read > limit) {
                broken_ = true;
            }
        }
        connection_->socket.setReceiveTimeout(timespan(options_.idle_timeout));
    } catch (...) {
        broken_ = true;
    }
    return body_complete_ && !broken_;
}

}  // namespace klaude::support
