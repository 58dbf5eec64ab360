// The pool on its own, with real loopback TCP connections: keys, limits, expiry, a connection
// the peer closed, and concurrent use (run under TSan in CI).
#include "klaude/support/connection_pool.h"

#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <chrono>
#include <thread>
#include <utility>
#include <vector>

namespace klaude::support {
namespace {

// A connected pair of loopback sockets: {client side, server side}.
class Pairs {
  public:
    Pairs() : listener_(Poco::Net::SocketAddress("127.0.0.1", 0), 64) {}
    std::pair<PooledConnection, Poco::Net::StreamSocket> make() {
        Poco::Net::StreamSocket client;
        client.connect(listener_.address());
        Poco::Net::StreamSocket server = listener_.acceptConnection();
        return {PooledConnection{client, client.impl()->sockfd()}, server};
    }

  private:
    Poco::Net::ServerSocket listener_;
};

ConnectionKey key(uint16_t port, std::string proxy = "", const void* tls = nullptr) {
    return ConnectionKey{"https", "api.example", port, std::move(proxy), tls};
}

TEST(ConnectionPool, AnEmptyPoolHasNothing) {
    ConnectionPool pool;
    EXPECT_FALSE(pool.take(key(443)));
    EXPECT_EQ(pool.idle(), 0u);
}

TEST(ConnectionPool, AConnectionComesBackForItsOwnKeyOnly) {
    Pairs pairs;
    ConnectionPool pool;
    auto [connection, server] = pairs.make();
    const int fd = connection.fd;
    pool.put(key(443), connection);
    EXPECT_FALSE(pool.take(key(444)));
    EXPECT_FALSE(pool.take(key(443, "proxy.example:3128")));
    int other_context = 0;
    EXPECT_FALSE(pool.take(key(443, "", &other_context)));
    EXPECT_EQ(pool.idle(), 1u);
    auto taken = pool.take(key(443));
    ASSERT_TRUE(taken);
    EXPECT_EQ(taken->fd, fd);
    EXPECT_EQ(pool.idle(), 0u);
    EXPECT_FALSE(pool.take(key(443)));  // taken means owned by the caller
}

TEST(ConnectionPool, TheFreshestConnectionIsTakenFirst) {
    Pairs pairs;
    ConnectionPool pool;
    auto [older, s1] = pairs.make();
    auto [newer, s2] = pairs.make();
    pool.put(key(443), older);
    pool.put(key(443), newer);
    auto taken = pool.take(key(443));
    ASSERT_TRUE(taken);
    EXPECT_EQ(taken->fd, newer.fd);
}

TEST(ConnectionPool, BeyondMaxIdleTheOldestIsClosed) {
    Pairs pairs;
    ConnectionPool pool(ConnectionPoolLimits{2, std::chrono::minutes(1)});
    auto [a, sa] = pairs.make();
    auto [b, sb] = pairs.make();
    auto [c, sc] = pairs.make();
    pool.put(key(1), a);
    pool.put(key(2), b);
    pool.put(key(3), c);
    EXPECT_EQ(pool.idle(), 2u);
    EXPECT_FALSE(pool.take(key(1)));
    // The server side of the dropped one sees it closed.
    char byte = 0;
    sa.setReceiveTimeout(Poco::Timespan(5, 0));
    EXPECT_EQ(sa.receiveBytes(&byte, 1), 0);
    EXPECT_TRUE(pool.take(key(2)));
    EXPECT_TRUE(pool.take(key(3)));
}

TEST(ConnectionPool, AConnectionIdleLongerThanAllowedIsNotReused) {
    Pairs pairs;
    ConnectionPool pool(ConnectionPoolLimits{4, std::chrono::milliseconds(1)});
    auto [connection, server] = pairs.make();
    pool.put(key(443), connection);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // well past the 1 ms bound
    EXPECT_FALSE(pool.take(key(443)));
    EXPECT_EQ(pool.idle(), 0u);
}

TEST(ConnectionPool, KeepForShortensTheStayAndZeroMeansClose) {
    Pairs pairs;
    ConnectionPool pool;
    auto [connection, server] = pairs.make();
    pool.put(key(443), connection, std::chrono::milliseconds(0));
    EXPECT_EQ(pool.idle(), 0u);
    EXPECT_FALSE(pool.take(key(443)));
}

TEST(ConnectionPool, AConnectionThePeerClosedIsNotHandedOut) {
    Pairs pairs;
    ConnectionPool pool;
    auto [connection, server] = pairs.make();
    pool.put(key(443), connection);
    server.close();
    // The FIN must have arrived before take() looks: wait until the socket is readable.
    ASSERT_TRUE(connection.socket.poll(Poco::Timespan(5, 0), Poco::Net::Socket::SELECT_READ));
    EXPECT_FALSE(pool.take(key(443)));
    EXPECT_EQ(pool.idle(), 0u);
}

TEST(ConnectionPool, ConcurrentPutAndTake) {
    Pairs pairs;
    ConnectionPool pool(ConnectionPoolLimits{3, std::chrono::minutes(1)});
    std::vector<std::pair<PooledConnection, Poco::Net::StreamSocket>> made;
    for (int i = 0; i < 8; ++i) {
        made.push_back(pairs.make());
    }
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&pool, &made, t] {
            for (int round = 0; round < 200; ++round) {
                const ConnectionKey k = key(static_cast<uint16_t>(1 + round % 2));
                if (auto taken = pool.take(k)) {
                    pool.put(k, *taken);
                } else if (round < 2) {
                    pool.put(k, made[static_cast<size_t>(t * 2 + round)].first);
                }
                (void)pool.idle();
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_LE(pool.idle(), 3u);
    pool.clear();
    EXPECT_EQ(pool.idle(), 0u);
}

}  // namespace
}  // namespace klaude::support
