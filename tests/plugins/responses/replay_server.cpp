#include "tests/plugins/responses/replay_server.h"

#include <strings.h>

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

namespace klaude::responses::testing {

std::string RecordedRequest::header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (strcasecmp(key.c_str(), name.c_str()) == 0) {
            return value;
        }
    }
    return {};
}

Reply Reply::sse(std::string body, size_t chunk_size) {
    Reply reply;
    reply.headers = {{"Content-Type", "text/event-stream"}};
    reply.body = std::move(body);
    reply.chunk_size = chunk_size;
    return reply;
}

Reply Reply::error(int status, std::string body,
                   std::vector<std::pair<std::string, std::string>> headers) {
    Reply reply;
    reply.status = status;
    reply.headers = std::move(headers);
    reply.headers.emplace_back("Content-Type", "application/json");
    reply.body = std::move(body);
    return reply;
}

ReplayServer::ReplayServer(std::vector<Reply> replies) : replies_(std::move(replies)) {
    server_ = std::make_unique<klaude::testing::LoopbackServer>(
        [this](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
            handle(request, response);
        });
    port_ = server_->port();
}

ReplayServer::ReplayServer(std::vector<Reply> replies, Poco::Net::Context::Ptr tls)
    : replies_(std::move(replies)), tls_(true) {
    server_ = std::make_unique<klaude::testing::LoopbackServer>(
        [this](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
            handle(request, response);
        },
        Poco::Net::SecureServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, tls), 4);
    port_ = server_->port();
}

std::string ReplayServer::base_url() const {
    return (tls_ ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(port_);
}

ReplayServer::~ReplayServer() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    release_.notify_all();
    server_.reset();
}

int ReplayServer::connections() const {
    return server_->connections();
}

std::vector<RecordedRequest> ReplayServer::requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
}

void ReplayServer::set_models_list(int status, std::string body) {
    std::lock_guard<std::mutex> lock(mutex_);
    models_list_status_ = status;
    models_list_ = std::move(body);
}

int ReplayServer::models_list_requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return models_list_requests_;
}

void ReplayServer::handle(Poco::Net::HTTPServerRequest& request,
                          Poco::Net::HTTPServerResponse& response) {
    RecordedRequest recorded;
    recorded.method = request.getMethod();
    recorded.uri = request.getURI();
    for (const auto& header : request) {
        recorded.headers.emplace_back(header.first, header.second);
    }
    Poco::StreamCopier::copyToString(request.stream(), recorded.body);
    const std::string path = recorded.uri.substr(0, recorded.uri.find('?'));
    if (recorded.method == "GET" && path.size() >= 7 &&
        path.compare(path.size() - 7, 7, "/models") == 0) {
        std::string body;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            ++models_list_requests_;
            response.setStatus(
                static_cast<Poco::Net::HTTPResponse::HTTPStatus>(models_list_status_));
            body = models_list_;
        }
        response.setContentType("application/json");
        response.setContentLength(static_cast<std::streamsize>(body.size()));
        response.send() << body;
        return;
    }
    Reply reply;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        reply = replies_.at(std::min(requests_.size(), replies_.size() - 1));
        requests_.push_back(std::move(recorded));
    }

    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    for (const auto& [name, value] : reply.headers) {
        response.set(name, value);
    }
    response.setChunkedTransferEncoding(true);  // as the real API streams
    std::ostream& out = response.send();
    const size_t end = std::min(reply.body.size(), reply.cut_after);
    const size_t step = reply.chunk_size == 0 ? std::max<size_t>(end, 1) : reply.chunk_size;
    for (size_t i = 0; i < end; i += step) {
        out.write(reply.body.data() + i, static_cast<std::streamsize>(std::min(step, end - i)));
        out.flush();  // one HTTP chunk, one TCP segment: the client sees every split
    }
    out.flush();
    if (reply.stall.count() > 0) {
        std::unique_lock<std::mutex> lock(mutex_);
        release_.wait_for(lock, reply.stall, [this] { return stopping_; });
    }
    if (reply.cut_after != std::string::npos) {
        // Drop the connection without the terminating chunk: a truncated stream. (Poco would
        // write the terminator when the response object dies, so shut the socket first.)
        static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().shutdown();
        throw std::runtime_error("cut");
    }
}

}  // namespace klaude::responses::testing
