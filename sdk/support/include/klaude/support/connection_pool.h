// Kept-alive HTTP(S) connections between the requests of one client, so a conversation of
// many model calls pays for TCP and TLS set-up once. Give a client one pool for its lifetime
// and pass it in HttpOptions::pool; HttpStream takes a connection from it when one fits and
// gives the connection back after a response it read to the end, when neither side said
// `Connection: close`. A null pool means one connection per request (`Connection: close`).
//
// The pool only keeps sockets; what a connection may be reused for is its ConnectionKey, and
// when it is reused is HttpStream's business (docs/architecture.md, "Connections that last").
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <Poco/Net/StreamSocket.h>

namespace klaude::support {

// What an idle connection can serve: the same origin, reached the same way, verified the same
// way.
struct ConnectionKey {
    std::string scheme;  // "http" or "https"
    std::string host;    // as in the URL (the TLS server name too)
    uint16_t port = 0;
    std::string proxy;  // "host:port" of the proxy it goes through; "" for a direct connection
    // The TLS context that verified the server (its identity only; null: the default one made
    // by make_tls_context("")). A connection verified against one CA set never serves a
    // request that asked for another.
    const void* tls_context = nullptr;

    bool operator==(const ConnectionKey& other) const {
        return scheme == other.scheme && host == other.host && port == other.port &&
               proxy == other.proxy && tls_context == other.tls_context;
    }
};

// An idle connection, ready for the next request.
struct PooledConnection {
    Poco::Net::StreamSocket socket;  // plain, or a SecureStreamSocket after its handshake
    int fd = -1;                     // the TCP socket underneath, for CancelSignal
};

struct ConnectionPoolLimits {
    size_t max_idle = 4;  // idle connections kept (all keys together); the oldest goes first
    // An idle connection older than this is closed rather than reused: servers drop idle
    // connections after a while (often 60 s or more), and a request on one they are closing
    // costs a retry.
    std::chrono::milliseconds max_idle_time{50000};
};

class ConnectionPool {
  public:
    explicit ConnectionPool(ConnectionPoolLimits limits = {});
    ~ConnectionPool();  // closes the idle connections
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    // [thread-safe] The most recently returned idle connection for `key` that still looks
    // open (no bytes and no end-of-stream waiting on it), or nullopt. Expired and closed
    // connections met on the way are closed and forgotten. The caller owns what it gets.
    std::optional<PooledConnection> take(const ConnectionKey& key);

    // [thread-safe] Keeps `connection` for the next request to `key`, for at most
    // min(keep_for, limits().max_idle_time). Beyond max_idle connections the oldest is closed.
    void put(const ConnectionKey& key, PooledConnection connection,
             std::chrono::milliseconds keep_for = std::chrono::milliseconds::max());

    // [thread-safe] Idle connections held now (expired ones included until the next take()).
    size_t idle() const;
    // [thread-safe] Closes every idle connection.
    void clear();

    const ConnectionPoolLimits& limits() const noexcept { return limits_; }

  private:
    using Clock = std::chrono::steady_clock;
    struct Idle {
        ConnectionKey key;
        PooledConnection connection;
        Clock::time_point expires;
    };

    const ConnectionPoolLimits limits_;
    mutable std::mutex mutex_;
    std::vector<Idle> idle_;  // oldest first
};

}  // namespace klaude::support
