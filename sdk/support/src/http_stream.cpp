#include "klaude/support/http_stream.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>

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

namespace klaude::support {
namespace {

using Clock = std::chrono::steady_clock;
// How often blocking phases we poll ourselves look at the cancel flag.
constexpr std::chrono::milliseconds kPollSlice{25};

Poco::Timespan timespan(std::chrono::milliseconds ms) {
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string seconds_text(std::chrono::milliseconds ms) {
    return ms.count() % 1000 == 0 ? std::to_string(ms.count() / 1000) + " s"
                                  : std::to_string(ms.count()) + " ms";
}

}  // namespace

HttpStream::HttpStream(HttpOptions options, std::shared_ptr<CancelSignal> cancel)
    : options_(std::move(options)), cancel_(std::move(cancel)) {}

HttpStream::~HttpStream() {
    // Forget the fd before the socket closes, so cancel() can never shut down a reused fd.
    cancel_->detach_socket();
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
                                                        uint16_t port) {
    // Poco's blocking handshake swallows a receive timeout (attach() returns half-shaken) and
    // starts over from the first write, so a server that accepts and never answers the
    // ClientHello held us for several connect timeouts. Shake hands non-blocking instead, in
    // short polled slices under one deadline, like connect_tcp().
    const auto deadline = Clock::now() + options_.connect_timeout;
    socket.setBlocking(false);
    Poco::Net::SecureStreamSocket secure = Poco::Net::SecureStreamSocket::attach(
        socket, host_,
        options_.tls_context ? options_.tls_context : make_tls_context(std::string()));
    for (;;) {
        const int rc = secure.completeHandshake();
        if (rc == 1) {
            break;
        }
        if (rc != Poco::Net::SecureStreamSocket::ERR_SSL_WANT_READ &&
            rc != Poco::Net::SecureStreamSocket::ERR_SSL_WANT_WRITE) {
            throw Poco::Net::SSLException("the server closed the connection during the handshake");
        }
        if (cancel_->cancelled()) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
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
    return secure;
}

int HttpStream::post(const std::string& url, const HeaderList& headers, const std::string& body) {
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

    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathEtc(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    try {
        Poco::Net::StreamSocket socket =
            proxy ? connect_tcp(proxy->host, proxy->port) : connect_tcp(host_, port);
        // TLS handshake and proxy CONNECT are bounded by the connect timeout; reads of the
        // response by the idle timeout.
        socket.setReceiveTimeout(timespan(options_.connect_timeout));
        socket.setSendTimeout(timespan(options_.connect_timeout));
        if (tls) {
            if (proxy) {
                // CONNECT host:port through the proxy, then TLS inside the tunnel.
                Poco::Net::HTTPClientSession tunnel(socket);
                Poco::Net::HTTPRequest connect(Poco::Net::HTTPRequest::HTTP_CONNECT,
                                               host_ + ":" + std::to_string(port),
                                               Poco::Net::HTTPMessage::HTTP_1_1);
                connect.setHost(host_, port);
                if (!proxy->username.empty()) {
                    Poco::Net::HTTPBasicCredentials(proxy->username, proxy->password)
                        .proxyAuthenticate(connect);
                }
                tunnel.sendRequest(connect);
                Poco::Net::HTTPResponse answer;
                tunnel.receiveResponse(answer);
                if (answer.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
                    throw sdk::Error(KLAUDE_ERROR_NETWORK,
                                     "proxy " + proxy->host + " refused CONNECT to " + host_ +
                                         ": HTTP " + std::to_string(answer.getStatus()) + " " +
                                         answer.getReason() + " (check HTTPS_PROXY / NO_PROXY)");
                }
                socket = tunnel.detachSocket();
            }
            Poco::Net::SecureStreamSocket secure = tls_handshake(socket, port);
            // A plain HTTPClientSession over the secure socket: HTTPSClientSession cannot
            // adopt a connected socket in Poco 1.11 (its constructor calls setPort()).
            session_ = std::make_unique<Poco::Net::HTTPClientSession>(secure);
        } else {
            session_ = std::make_unique<Poco::Net::HTTPClientSession>(socket);
            if (proxy) {
                // A plain-HTTP proxy takes the absolute URI.
                request.setURI(uri.toString());
                if (!proxy->username.empty()) {
                    Poco::Net::HTTPBasicCredentials(proxy->username, proxy->password)
                        .proxyAuthenticate(request);
                }
            }
        }
        session_->socket().setReceiveTimeout(timespan(options_.idle_timeout));
        session_->setKeepAlive(false);
    } catch (...) {
        rethrow("connecting to");
    }

    request.setHost(host_, port);
    request.setKeepAlive(false);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    try {
        std::ostream& out = session_->sendRequest(request);
        out.write(body.data(), static_cast<std::streamsize>(body.size()));
        out.flush();
        if (!out) {
            throw Poco::Net::NetException("sending the request body failed");
        }
        Poco::Net::HTTPResponse response;
        body_ = &session_->receiveResponse(response);
        reason_ = response.getReason();
        for (const auto& [name, value] : response) {
            response_headers_.emplace_back(lower(name), value);
        }
        return static_cast<int>(response.getStatus());
    } catch (...) {
        rethrow("talking to");
    }
}

std::string_view HttpStream::read_some() {
    if (body_ == nullptr) {
        return {};
    }
    try {
        // sgetc() makes the stream buffer do one network read (it blocks at most the idle
        // timeout); in_avail() then says how much that read brought, which sgetn() takes
        // without blocking again.
        std::streambuf* buf = body_->rdbuf();
        if (buf->sgetc() == std::char_traits<char>::eof()) {
            if (cancel_->cancelled()) {
                throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
            }
            return {};
        }
        std::streamsize available = std::max<std::streamsize>(buf->in_avail(), 1);
        std::streamsize n =
            buf->sgetn(buffer_, std::min<std::streamsize>(available, sizeof buffer_));
        return std::string_view(buffer_, static_cast<size_t>(n));
    } catch (...) {
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

}  // namespace klaude::support
