// A TCP port on 127.0.0.1 that was free a moment ago (bound, then released).
#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <cstdint>

namespace klaude::codex::testing {

inline uint16_t free_port() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    const uint16_t port = socket.address().port();
    socket.close();
    return port;
}

}  // namespace klaude::codex::testing
