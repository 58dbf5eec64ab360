#include "plugins/codex/auth/callback_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <cerrno>
#include <optional>
#include <thread>

#include "klaude/sdk/error.hpp"
#include "plugins/codex/auth/callback_check.h"
#include "plugins/codex/auth/callback_pages.h"
#include "plugins/codex/auth/http_post.h"
#include "plugins/codex/auth/oauth_constants.h"
#include "plugins/codex/auth/url_encoding.h"

namespace klaude::codex {
namespace {

using Request = Poco::Net::HTTPServerRequest;
using Response = Poco::Net::HTTPServerResponse;

void send_html(Response& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& html) {
    response.setStatusAndReason(status);  // "404 Not Found", not Poco's default "404 OK"
    response.setContentType("text/html; charset=utf-8");
    response.set("Cache-Control", "no-store");
    response.setKeepAlive(false);
    response.setContentLength(static_cast<std::streamsize>(html.size()));
    response.send() << html;
}

struct Shared {
    uint16_t port = 0;  // the one bound
    CallbackServerSettings settings;
    CallbackServer::Redeem redeem;
    LoginResult* result;
    std::shared_ptr<std::atomic<bool>> success_served;
};

// The Host header names this server: localhost or 127.0.0.1, with our port or none. Browsers
// always send it; a web page that had its own name resolve to 127.0.0.1 (DNS rebinding) sends
// its own name, and must not reach /cancel or the callback. HTTP/1.1 requires Host anyway.
bool addressed_to_us(const Request& request, uint16_t port) {
    if (!request.has("Host")) {
        return false;
    }
    const std::string host = Poco::toLower(request.get("Host"));
    for (const char* name : {"localhost", "127.0.0.1"}) {
        if (host == name || host == std::string(name) + ":" + std::to_string(port)) {
            return true;
        }
    }
    return false;
}

class Handler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit Handler(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

    void handleRequest(Request& request, Response& response) override {
        const Poco::URI uri(request.getURI());
        const std::string& path = uri.getPath();
        if (!addressed_to_us(request, shared_->port)) {
            send_html(response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
                      error_page("Bad request",
                                 "klaude's sign-in server only answers requests for localhost."));
        } else if (request.getMethod() != Poco::Net::HTTPRequest::HTTP_GET) {
            send_html(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND,
                      error_page("Not found", "klaude's sign-in server only answers GET."));
        } else if (path == kCallbackPath) {
            callback(parse_query(uri.getRawQuery()), response);
        } else if (path == "/success") {
            shared_->success_served->store(true);
            send_html(response, Poco::Net::HTTPResponse::HTTP_OK, success_page());
        } else if (path == "/cancel") {
            shared_->result->fail(KLAUDE_ERROR_CANCELLED,
                                  "Sign-in cancelled: another 'klaude auth login' took over "
                                  "the callback port.");
            send_html(response, Poco::Net::HTTPResponse::HTTP_OK,
                      error_page("Sign-in cancelled", "This klaude sign-in was cancelled."));
        } else {
            send_html(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND,
                      error_page("Not found", "There is nothing at this address."));
        }
    }

  private:
    void callback(const std::map<std::string, std::string>& params, Response& response) {
        LoginResult& result = *shared_->result;
        if (result.state() == LoginResult::State::kSucceeded) {
            response.redirect("/success", Poco::Net::HTTPResponse::HTTP_FOUND);
            return;
        }
        const CallbackCheck check =
            check_callback(params, shared_->settings.expected_state, shared_->settings.issuer);
        switch (check.verdict) {
            case CallbackCheck::Verdict::kWrongState:
                send_html(response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
                          error_page("Sign-in link out of date",
                                     check.message + " Use the link klaude printed last."));
                return;
            case CallbackCheck::Verdict::kProviderError:
            case CallbackCheck::Verdict::kWrongIssuer:
            case CallbackCheck::Verdict::kNoCode:
                result.fail(KLAUDE_ERROR_AUTH, check.message);
                send_html(response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
                          error_page("Sign-in failed", check.message));
                return;
            case CallbackCheck::Verdict::kCode:
                break;
        }
        try {
            shared_->redeem(check.code);
        } catch (const sdk::Error& e) {
            result.fail(e.status(), e.what());
            send_html(response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
                      error_page("Sign-in failed", e.what()));
            return;
        } catch (const std::exception& e) {
            result.fail(KLAUDE_ERROR, std::string("sign-in failed: ") + e.what());
            send_html(response, Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                      error_page("Sign-in failed", e.what()));
            return;
        }
        response.redirect("/success", Poco::Net::HTTPResponse::HTTP_FOUND);
    }

    std::shared_ptr<Shared> shared_;
};

bool address_in_use(const Poco::Exception& e) {
    return e.code() == EADDRINUSE || e.message().find("in use") != std::string::npos ||
           e.displayText().find("in use") != std::string::npos;
}

// Binds 127.0.0.1:port; nullopt when the port is taken.
std::optional<Poco::Net::ServerSocket> try_bind(uint16_t port) {
    try {
        Poco::Net::ServerSocket socket;
        // SO_REUSEADDR lets a new login take the port while the last one's connections linger
        // in TIME_WAIT; it does not let two listeners share it.
        socket.bind(Poco::Net::SocketAddress("127.0.0.1", port), true, false);
        socket.listen(16);
        return socket;
    } catch (const Poco::Exception& e) {
        if (address_in_use(e)) {
            return std::nullopt;
        }
        throw sdk::Error(KLAUDE_ERROR_IO, "cannot listen on 127.0.0.1:" + std::to_string(port) +
                                              ": " + e.displayText());
    }
}

// A busy port may hold a stale login of ours: ask it to cancel once, then retry for a while.
std::optional<Poco::Net::ServerSocket> bind_taking_over(uint16_t port,
                                                        std::chrono::milliseconds retry) {
    if (auto socket = try_bind(port)) {
        return socket;
    }
    try {
        http_get("http://127.0.0.1:" + std::to_string(port) + "/cancel",
                 HttpOptions{std::chrono::milliseconds(2000), ""});
    } catch (const sdk::Error&) {
        // Not ours, or not HTTP: nothing to cancel.
    }
    const auto deadline = std::chrono::steady_clock::now() + retry;
    do {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (auto socket = try_bind(port)) {
            return socket;
        }
    } while (std::chrono::steady_clock::now() < deadline);
    return std::nullopt;
}

}  // namespace

class CallbackServer::Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Factory(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Request&) override {
        return new Handler(shared_);
    }

  private:
    std::shared_ptr<Shared> shared_;
};

CallbackServer::CallbackServer(CallbackServerSettings settings, Redeem redeem, LoginResult& result,
                               const Notice& notice)
    : success_served_(std::make_shared<std::atomic<bool>>(false)) {
    std::optional<Poco::Net::ServerSocket> socket =
        bind_taking_over(settings.port, settings.busy_retry);
    if (!socket && settings.fallback_port != 0 && settings.fallback_port != settings.port) {
        socket = try_bind(settings.fallback_port);
        if (socket && notice) {
            notice("Port " + std::to_string(settings.port) + " is busy; using port " +
                   std::to_string(settings.fallback_port) + " for the sign-in callback.");
        }
    }
    if (!socket) {
        std::string message = "Port " + std::to_string(settings.port);
        if (settings.fallback_port != 0 && settings.fallback_port != settings.port) {
            message += " (and the fallback " + std::to_string(settings.fallback_port) + ")";
        }
        message +=
            " on 127.0.0.1 is in use by another program, so the sign-in callback cannot "
            "listen there. Stop that program, or choose another port with --port N (the "
            "sign-in server must accept http://localhost:N/auth/callback), or use "
            "--device-auth.";
        throw sdk::Error(KLAUDE_ERROR_IO, message);
    }
    port_ = socket->address().port();

    auto shared = std::make_shared<Shared>();
    shared->port = port_;
    shared->settings = std::move(settings);
    shared->redeem = std::move(redeem);
    shared->result = &result;
    shared->success_served = success_served_;

    auto* params = new Poco::Net::HTTPServerParams;
    // A connection that sends nothing (a browser's speculative preconnect, or anything else
    // local) holds a thread until this timeout: keep it short and the threads several, so idle
    // sockets cannot keep the real callback waiting for minutes.
    params->setMaxThreads(8);
    params->setKeepAlive(false);
    params->setTimeout(Poco::Timespan(5, 0));
    pool_ = std::make_unique<Poco::ThreadPool>(1, 8);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(shared), *pool_, *socket, params);
    server_->start();
}

CallbackServer::~CallbackServer() {
    if (server_) {
        server_->stopAll(true);
    }
    if (pool_) {
        pool_->joinAll();
    }
}

std::string CallbackServer::redirect_uri() const {
    return "http://localhost:" + std::to_string(port_) + kCallbackPath;
}

}  // namespace klaude::codex
