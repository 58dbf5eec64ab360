// A forward HTTP proxy on 127.0.0.1 for tests, on raw sockets: plain-HTTP forwarding of
// requests in absolute form (GET http://host:port/path) and CONNECT tunnelling (for https://).
// It counts and records what it was asked to do, so a test can tell whether a client went
// through it.
//
// Every target host name resolves to 127.0.0.1 here: a test names its loopback server by a
// host only the proxy knows (http://issuer.test:PORT), because clients never send loopback
// targets (127.0.0.1, localhost) through a proxy.
#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace klaude::testing {

class ForwardProxy {
  public:
    // `refuse_connect`: when set, the status line every CONNECT is answered with (the tunnel is
    // not opened), e.g. "HTTP/1.1 407 Proxy Authentication Required".
    explicit ForwardProxy(std::string refuse_connect = "");
    // Shuts every connection down and joins all threads.
    ~ForwardProxy();
    ForwardProxy(const ForwardProxy&) = delete;
    ForwardProxy& operator=(const ForwardProxy&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    // Requests handled so far: tunnels opened plus requests forwarded.
    int requests() const { return requests_.load(); }
    // Their request lines' method and target: "CONNECT issuer.test:443",
    // "POST http://issuer.test:8080/oauth/token".
    std::vector<std::string> targets() const;

  private:
    void accept_loop();
    void serve(Poco::Net::StreamSocket client);
    bool stopping() const;

    Poco::Net::ServerSocket listener_;
    uint16_t port_ = 0;
    std::string refuse_connect_;
    std::atomic<int> requests_{0};
    mutable std::mutex mutex_;
    bool stopping_ = false;
    std::vector<std::string> targets_;
    std::vector<Poco::Net::StreamSocket> sockets_;  // to shut down on destruction
    std::vector<std::thread> workers_;
    std::thread acceptor_;
};

}  // namespace klaude::testing
