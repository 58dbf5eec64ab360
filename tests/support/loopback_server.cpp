#include "tests/support/loopback_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

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

LoopbackServer::LoopbackServer(Handler handler, uint16_t port, int max_threads) {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", port), 64);
    port_ = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(max_threads);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(30, 0));
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(std::move(handler)), socket,
                                                      params);
    server_->start();
}

LoopbackServer::~LoopbackServer() {
    if (server_) {
        server_->stopAll(true);
    }
}

}  // namespace klaude::testing
