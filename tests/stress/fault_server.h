// A raw TCP server on 127.0.0.1 for fault tests: every accepted connection runs a script on its
// own thread with the bare socket, so a test can misbehave in ways an HTTP server library
// will not (close in the middle of an event, send bytes that are not UTF-8, never answer, stall
// a TLS handshake, send garbage instead of HTTP).
#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace klaude::stress {

class FaultServer {
  public:
    using Script = std::function<void(Poco::Net::StreamSocket&, FaultServer&)>;

    explicit FaultServer(Script script);
    // Wakes stalled scripts, shuts every connection down and joins all threads.
    ~FaultServer();
    FaultServer(const FaultServer&) = delete;
    FaultServer& operator=(const FaultServer&) = delete;

    uint16_t port() const { return port_; }
    std::string http_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::string https_url() const { return "https://127.0.0.1:" + std::to_string(port_); }
    int connections() const { return connections_.load(); }

    // For scripts: sleeps up to `limit`, returns early (false) when the server is stopping.
    bool stall(std::chrono::milliseconds limit);

  private:
    void accept_loop();

    Script script_;
    Poco::Net::ServerSocket listener_;
    uint16_t port_ = 0;
    std::atomic<int> connections_{0};
    std::mutex mutex_;
    std::condition_variable stopping_cv_;
    bool stopping_ = false;
    std::vector<Poco::Net::StreamSocket> sockets_;
    std::vector<std::thread> workers_;
    std::thread acceptor_;
};

// Reads an HTTP request (head up to the blank line, then Content-Length bytes of body) and
// returns the head; "" when the peer closed or sent nothing within `timeout`.
std::string read_http_request(Poco::Net::StreamSocket& socket,
                              std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Writes all of `bytes`; false when the peer went away.
bool send_all(Poco::Net::StreamSocket& socket, const std::string& bytes);

// "HTTP/1.1 <status> <reason>" with the given headers, Connection: close, and the blank line.
std::string http_head(int status, const std::string& reason,
                      const std::vector<std::pair<std::string, std::string>>& headers);

}  // namespace klaude::stress
