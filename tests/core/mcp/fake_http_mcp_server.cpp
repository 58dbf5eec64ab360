#include "tests/core/mcp/fake_http_mcp_server.h"

#include <Poco/StreamCopier.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "core/mcp/json_text.h"

namespace klaude::core::mcp::testing {

FakeHttpMcpServer::FakeHttpMcpServer(CallHandler on_call)
    : on_call_(std::move(on_call)),
      server_([this](Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) { handle(request, response); }) {}

FakeHttpMcpServer::~FakeHttpMcpServer() = default;

std::vector<RecordedRequest> FakeHttpMcpServer::requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
}

bool FakeHttpMcpServer::wait_for(const std::string& text) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return recorded_.wait_for(lock, std::chrono::seconds(5), [&] {
        return std::any_of(requests_.begin(), requests_.end(), [&](const RecordedRequest& r) {
            return r.body.find(text) != std::string::npos;
        });
    });
}

void FakeHttpMcpServer::forget_session() {
    std::lock_guard<std::mutex> lock(mutex_);
    session_forgotten_ = true;
}

std::string FakeHttpMcpServer::echo_result(const std::string& id, const std::string& text) {
    return R"({"jsonrpc":"2.0","id":)" + id + R"(,"result":{"content":[{"type":"text","text":")" +
           text + R"("}]}})";
}

void FakeHttpMcpServer::answer_json(Poco::Net::HTTPServerResponse& response,
                                    const std::string& body) {
    response.setContentType("application/json");
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

void FakeHttpMcpServer::answer_events(Poco::Net::HTTPServerResponse& response,
                                      const std::vector<std::string>& events) {
    response.setContentType("text/event-stream");
    response.setChunkedTransferEncoding(true);
    std::ostream& out = response.send();
    for (const std::string& event : events) {
        out << event << "\n\n";
        out.flush();
    }
}

void FakeHttpMcpServer::answer_stream(Poco::Net::HTTPServerResponse& response,
                                      const std::string& text) {
    response.setContentType("text/event-stream");
    response.setChunkedTransferEncoding(true);
    response.send() << text;
}

void FakeHttpMcpServer::handle(Poco::Net::HTTPServerRequest& request,
                               Poco::Net::HTTPServerResponse& response) {
    RecordedRequest recorded;
    recorded.http_method = request.getMethod();
    for (const auto& [name, value] : request) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        recorded.headers[lower] = value;
    }
    Poco::StreamCopier::copyToString(request.stream(), recorded.body);
    rapidjson::Document doc;
    doc.Parse(recorded.body.c_str());
    std::string id;
    if (doc.IsObject()) {
        recorded.rpc_method = string_member(doc, "method");
        if (doc.HasMember("id")) {
            id = to_text(doc["id"]);
        }
    }
    bool forgotten = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(recorded);
        forgotten = session_forgotten_;
    }
    recorded_.notify_all();

    // Like the SDK's server: after initialize, a request without the session is a 400, one
    // with a session it does not know a 404.
    if (!session_id.empty() && recorded.rpc_method != "initialize") {
        const std::string sent = recorded.header("mcp-session-id");
        if (sent.empty() || sent != session_id || forgotten) {
            response.setStatus(sent.empty() ? Poco::Net::HTTPResponse::HTTP_BAD_REQUEST
                                            : Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
            answer_json(response,
                        sent.empty()
                            ? R"({"jsonrpc":"2.0","error":{"code":-32000,)"
                              R"("message":"Bad Request: No valid session ID provided"},"id":null})"
                            : R"({"jsonrpc":"2.0","error":{"code":-32001,)"
                              R"("message":"Session not found"},"id":null})");
            return;
        }
    }

    if (recorded.http_method == "DELETE") {
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(delete_status));
        response.setContentLength(0);
        response.send();
        return;
    }
    if (recorded.http_method != "POST") {
        response.setStatus(Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED);
        response.setContentLength(0);
        response.send();
        return;
    }
    if (id.empty() || recorded.rpc_method.empty()) {
        // A notification or a response: accepted, no body.
        response.setStatus(Poco::Net::HTTPResponse::HTTP_ACCEPTED);
        response.setContentLength(0);
        response.send();
        return;
    }
    if (recorded.rpc_method == "initialize") {
        if (!session_id.empty()) {
            response.set("Mcp-Session-Id", session_id);
        }
        answer_json(response,
                    R"({"jsonrpc":"2.0","id":)" + id +
                        R"(,"result":{"protocolVersion":"2025-06-18","capabilities":)"
                        R"({"tools":{}},"serverInfo":{"name":"fake-http","version":"1"}}})");
        return;
    }
    if (recorded.rpc_method == "tools/list") {
        answer_json(
            response,
            R"({"jsonrpc":"2.0","id":)" + id +
                R"(,"result":{"tools":[{"name":"echo","inputSchema":{"type":"object"}}]}})");
        return;
    }
    on_call_(id, recorded.body, response);
}

}  // namespace klaude::core::mcp::testing
