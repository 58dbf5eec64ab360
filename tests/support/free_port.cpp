#include "tests/support/free_port.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

namespace klaude::testing {

uint16_t free_port() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    uint16_t port = socket.address().port();
    socket.close();
    return port;
}

}  // namespace klaude::testing
