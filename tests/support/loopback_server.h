// A real HTTP server on 127.0.0.1 for tests: Poco HTTPServer on a port the OS picks (or a given
// one), every request handed to one std::function. Tests play the OAuth server, the Responses
// backend, ... with it, and talk to it over real sockets.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace Poco {
class ThreadPool;
}
namespace Poco::Net {
class HTTPServer;
class ServerSocket;
}  // namespace Poco::Net

namespace klaude::testing {

// Stops a Poco HTTPServer listening on 127.0.0.1:`port` without waiting out the 250 ms poll
// interval of Poco's acceptor loop: a throw-away connection wakes it up. Saves a quarter of a
// second per test server, which adds up over the suite.
void stop_server_promptly(Poco::Net::HTTPServer& server, uint16_t port);

class LoopbackServer {
  public:
    using Handler =
        std::function<void(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&)>;

    // Starts listening at once. port 0: any free port. Handlers run on server threads, up to
    // `max_threads` at a time.
    explicit LoopbackServer(Handler handler, uint16_t port = 0, int max_threads = 8);
    // Serves on a socket the caller bound (a SecureServerSocket for TLS).
    LoopbackServer(Handler handler, const Poco::Net::ServerSocket& socket, int max_threads = 8);
    ~LoopbackServer();  // stops, aborting open connections
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    uint16_t port() const { return port_; }
    // TCP connections accepted and handed to a handler thread so far (kept-alive connections
    // serve several requests).
    int connections() const;
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  private:
    class Factory;
    uint16_t port_ = 0;
    // The server's own thread pool, not Poco's default one: the destructor joins it, so no
    // connection thread is left running (and returning buffers to Poco's static HTTP buffer
    // pool) when the test process exits.
    std::unique_ptr<Poco::ThreadPool> pool_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace klaude::testing
