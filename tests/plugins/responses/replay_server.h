// A scripted Responses backend on a real loopback socket: records every request and answers
// each one with the next scripted reply (the last reply repeats): an SSE transcript replayed
// in chunks of a given size, an HTTP error, a stream cut short, or a stall. The models list
// (GET …/models, which klaude asks for its catalog) is answered apart, with models_list(),
// and counted apart: it takes no scripted reply.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <Poco/Net/Context.h>

#include "tests/support/loopback_server.h"

namespace klaude::responses::testing {

struct RecordedRequest {
    std::string method;
    std::string uri;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string header(const std::string& name) const;  // case-insensitive; "" when absent
};

struct Reply {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    size_t chunk_size = 0;  // 0: the whole body in one write
    // Stop after this many body bytes and drop the connection (a cut stream). npos: never.
    size_t cut_after = std::string::npos;
    // After the body (or the cut point), hold the connection open this long without sending.
    std::chrono::milliseconds stall{0};

    static Reply sse(std::string body, size_t chunk_size = 0);
    static Reply error(int status, std::string body,
                       std::vector<std::pair<std::string, std::string>> headers = {});
};

class ReplayServer {
  public:
    explicit ReplayServer(std::vector<Reply> replies);
    // An HTTPS server on 127.0.0.1 with the given server context (certificate and key).
    ReplayServer(std::vector<Reply> replies, Poco::Net::Context::Ptr tls);
    ~ReplayServer();  // releases stalled handlers, then stops

    // http://127.0.0.1:PORT, or https://localhost:PORT for a TLS server.
    std::string base_url() const;
    uint16_t port() const { return port_; }
    std::vector<RecordedRequest> requests() const;  // every request but the models list's
    // What GET …/models answers (an OpenAI list; default: gpt-5.1 only), and how often it was
    // asked.
    void set_models_list(int status, std::string body);
    int models_list_requests() const;
    // TCP (or TLS) connections accepted so far: one per request unless the client keeps its
    // connection alive.
    int connections() const;

  private:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

    mutable std::mutex mutex_;
    std::condition_variable release_;
    bool stopping_ = false;
    std::vector<Reply> replies_;
    std::vector<RecordedRequest> requests_;
    int models_list_requests_ = 0;
    int models_list_status_ = 200;
    std::string models_list_ =
        R"({"object":"list","data":[{"id":"gpt-5.1","object":"model","created":1,"owned_by":"system"}]})";
    uint16_t port_ = 0;
    bool tls_ = false;
    std::unique_ptr<klaude::testing::LoopbackServer> server_;
};

}  // namespace klaude::responses::testing
