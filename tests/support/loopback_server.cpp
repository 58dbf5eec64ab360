#include "tests/support/loopback_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace klaude::testing {

namespace {

class CallbackHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit CallbackHandler(const LoopbackServer::Handler& handler) : handler_(handler) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        handler_(request, response);
    }

  private:
    const LoopbackServer::Handler& handler_;
};

}  // namespace

class LoopbackServer::Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Factory(Handler handler) : handler_(std::move(handler)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new CallbackHandler(handler_);
    }

  private:
    Handler handler_;
};

LoopbackServer::LoopbackServer(Handler handler, uint16_t port, int max_threads)
    : LoopbackServer(std::move(handler),
                     Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", port), 64),
                     max_threads) {}

LoopbackServer::LoopbackServer(Handler handler, const Poco::Net::ServerSocket& socket,
                               int max_threads)
    : port_(socket.address().port()),
      // One spare thread: the wake-up connection of stop_server_promptly needs one too.
      pool_(std::make_unique<Poco::ThreadPool>(1, max_threads + 1)) {
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(max_threads);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(30, 0));
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(std::move(handler)), *pool_,
                                                      socket, params);
    server_->start();
}

void stop_server_promptly(Poco::Net::HTTPServer& server, uint16_t port) {
    std::atomic<bool> stopped{false};
    std::thread waker([&stopped, port] {
        while (!stopped.load()) {
            try {
                Poco::Net::StreamSocket socket;
                socket.connect(Poco::Net::SocketAddress("127.0.0.1", port),
                               Poco::Timespan(0, 50000));
            } catch (const std::exception&) {
                // Refused once the listener is gone: nothing left to wake.
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    server.stopAll(true);
    stopped.store(true);
    waker.join();
}

int LoopbackServer::connections() const {
    return server_->totalConnections();
}

LoopbackServer::~LoopbackServer() {
    if (server_) {
        stop_server_promptly(*server_, port_);
        server_.reset();
    }
    pool_->joinAll();
}

}  // namespace klaude::testing
