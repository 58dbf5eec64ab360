#include "klaude/support/connection_pool.h"

#include <poll.h>

#include <algorithm>
#include <utility>

#include "sigpipe_guard.h"

namespace klaude::support {
namespace {

// An idle kept-alive connection has nothing to say: readable means the server closed it (EOF,
// a reset, a TLS close_notify) or broke the protocol. Either way it cannot take a request.
bool looks_open(int fd) {
    pollfd p{fd, POLLIN, 0};
    const int rc = ::poll(&p, 1, 0);
    return rc == 0;
}

void close_all(std::vector<PooledConnection>& connections) {
    for (PooledConnection& c : connections) {
        detail::close_quietly(c.socket);
    }
    connections.clear();
}

}  // namespace

ConnectionPool::ConnectionPool(ConnectionPoolLimits limits) : limits_(limits) {}

ConnectionPool::~ConnectionPool() {
    clear();
}

std::optional<PooledConnection> ConnectionPool::take(const ConnectionKey& key) {
    std::vector<PooledConnection> dead;
    std::optional<PooledConnection> found;
    for (;;) {
        std::optional<PooledConnection> candidate;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            const auto now = Clock::now();
            for (auto it = idle_.begin(); it != idle_.end();) {
                if (it->expires <= now) {
                    dead.push_back(std::move(it->connection));
                    it = idle_.erase(it);
                } else {
                    ++it;
                }
            }
            // The freshest first: the least likely to have been closed by the server.
            for (auto it = idle_.rbegin(); it != idle_.rend(); ++it) {
                if (it->key == key) {
                    candidate = std::move(it->connection);
                    idle_.erase(std::next(it).base());
                    break;
                }
            }
        }
        if (!candidate) {
            break;
        }
        // The liveness check runs outside the lock: poll(2) is cheap but still a system call.
        if (looks_open(candidate->fd)) {
            found = std::move(candidate);
            break;
        }
        dead.push_back(std::move(*candidate));
    }
    close_all(dead);
    return found;
}

void ConnectionPool::put(const ConnectionKey& key, PooledConnection connection,
                         std::chrono::milliseconds keep_for) {
    const auto keep = std::min(keep_for, limits_.max_idle_time);
    std::vector<PooledConnection> dropped;
    if (limits_.max_idle == 0 || keep.count() <= 0) {
        dropped.push_back(std::move(connection));
    } else {
        std::lock_guard<std::mutex> lock(mutex_);
        idle_.push_back(Idle{key, std::move(connection), Clock::now() + keep});
        while (idle_.size() > limits_.max_idle) {
            dropped.push_back(std::move(idle_.front().connection));
            idle_.erase(idle_.begin());
        }
    }
    close_all(dropped);
}

size_t ConnectionPool::idle() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return idle_.size();
}

void ConnectionPool::clear() {
    std::vector<PooledConnection> dropped;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (Idle& i : idle_) {
            dropped.push_back(std::move(i.connection));
        }
        idle_.clear();
    }
    close_all(dropped);
}

}  // namespace klaude::support
