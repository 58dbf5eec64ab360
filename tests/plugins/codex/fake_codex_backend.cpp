#include "tests/plugins/codex/fake_codex_backend.h"

#include <Poco/String.h>
#include <Poco/URI.h>
#include <rapidjson/document.h>

#include <ctime>
#include <deque>
#include <iterator>

#include "plugins/codex/auth/jwt.h"

namespace klaude::codex::testing {

namespace {
constexpr const char* kPath = "/backend-api/codex/responses";

constexpr const char* kStream =
    "event: response.created\n"
    "data: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":"
    "\"gpt-5.1-codex\"}}\n\n"
    "event: response.output_text.delta\n"
    "data: {\"type\":\"response.output_text.delta\",\"delta\":\"Hello\"}\n\n"
    "event: response.output_text.delta\n"
    "data: {\"type\":\"response.output_text.delta\",\"delta\":\" from Codex\"}\n\n"
    "event: response.completed\n"
    "data: {\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"status\":"
    "\"completed\",\"usage\":{\"input_tokens\":5,\"output_tokens\":3,\"total_tokens\":8}}}\n\n";
}  // namespace

struct FakeCodexBackend::Impl {
    mutable std::mutex mutex;
    std::set<std::string> rejected;
    bool reject_all = false;
    std::deque<std::pair<int, std::string>> failures;
    int requests = 0;
    Request last;
    std::vector<std::string> violations;

    // Returns the first broken rule, or "".
    std::string check(const Request& r) const {
        auto header = [&](const char* name) {
            auto it = r.headers.find(name);
            return it == r.headers.end() ? std::string() : it->second;
        };
        const std::string authorization = header("authorization");
        if (authorization.rfind("Bearer ", 0) != 0) {
            return "Authorization: Bearer missing";
        }
        try {
            const JwtClaims claims = read_jwt_claims(authorization.substr(7));
            if (!claims.exp || *claims.exp <= static_cast<int64_t>(std::time(nullptr))) {
                return "access token expired";
            }
            if (claims.account_id.empty() || claims.account_id != header("chatgpt-account-id")) {
                return "chatgpt-account-id does not match the token";
            }
        } catch (const JwtError&) {
            return "access token is not a JWT";
        }
        if (header("openai-beta") != "responses=experimental") {
            return "OpenAI-Beta";
        }
        if (header("originator") != "codex_cli_rs") {
            return "originator";
        }
        if (header("session_id").empty()) {
            return "session_id";
        }
        if (header("accept") != "text/event-stream") {
            return "Accept";
        }
        if (header("user-agent").empty()) {
            return "User-Agent";
        }
        if (header("content-type").rfind("application/json", 0) != 0) {
            return "Content-Type";
        }
        rapidjson::Document body;
        body.Parse(r.body.c_str());
        if (!body.IsObject()) {
            return "body is not JSON";
        }
        if (!body.HasMember("store") || !body["store"].IsFalse()) {
            return "store must be false";
        }
        if (!body.HasMember("stream") || !body["stream"].IsTrue()) {
            return "stream must be true";
        }
        if (!body.HasMember("instructions") || !body["instructions"].IsString() ||
            body["instructions"].GetStringLength() == 0) {
            return "instructions missing";
        }
        if (body.HasMember("max_output_tokens")) {
            return "max_output_tokens is not accepted";
        }
        if (body.HasMember("temperature")) {
            return "temperature is not accepted";
        }
        bool encrypted = false;
        if (body.HasMember("include") && body["include"].IsArray()) {
            for (const auto& v : body["include"].GetArray()) {
                encrypted = encrypted || (v.IsString() && std::string(v.GetString()) ==
                                                              "reasoning.encrypted_content");
            }
        }
        if (!encrypted) {
            return "include lacks reasoning.encrypted_content";
        }
        if (!body.HasMember("model") || !body["model"].IsString() || !body.HasMember("input") ||
            !body["input"].IsArray()) {
            return "model/input";
        }
        return {};
    }

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
        Request r;
        for (const auto& [name, value] : request) {
            r.headers[Poco::toLower(name)] = value;
        }
        r.body.assign(std::istreambuf_iterator<char>(request.stream()), {});
        std::unique_lock<std::mutex> lock(mutex);
        ++requests;
        last = r;
        auto answer = [&](int status, const std::string& content_type, const std::string& text) {
            response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
            response.setContentType(content_type);
            response.setContentLength(static_cast<std::streamsize>(text.size()));
            response.send() << text;
        };
        if (request.getMethod() != "POST" || Poco::URI(request.getURI()).getPath() != kPath) {
            violations.push_back("request to " + request.getMethod() + " " + request.getURI());
            answer(404, "text/plain", "not found");
            return;
        }
        const std::string authorization = r.headers["authorization"];
        const std::string token = authorization.size() > 7 ? authorization.substr(7) : "";
        if (reject_all || rejected.count(token) != 0) {
            answer(401, "application/json",
                   R"({"error":{"message":"Your authentication token has expired.","code":)"
                   R"("token_expired"}})");
            return;
        }
        if (const std::string broken = check(r); !broken.empty()) {
            violations.push_back(broken);
            answer(400, "application/json",
                   R"({"error":{"message":"rule broken: )" + broken + R"("}})");
            return;
        }
        if (!failures.empty()) {
            auto [status, body] = failures.front();
            failures.pop_front();
            answer(status, "application/json", body);
            return;
        }
        response.set("x-codex-primary-used-percent", "12.5");
        response.set("x-codex-secondary-used-percent", "40");
        answer(200, "text/event-stream", kStream);
    }
};

FakeCodexBackend::FakeCodexBackend() : impl_(std::make_shared<Impl>()) {
    auto impl = impl_;
    server_ = std::make_unique<klaude::testing::LoopbackServer>(
        [impl](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
            impl->handle(request, response);
        });
}

FakeCodexBackend::~FakeCodexBackend() {
    server_.reset();
}

std::string FakeCodexBackend::base_url() const {
    return server_->base_url() + "/backend-api/codex";
}

void FakeCodexBackend::reject_token(const std::string& access_token) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->rejected.insert(access_token);
}
void FakeCodexBackend::reject_every_token() {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->reject_all = true;
}
void FakeCodexBackend::fail_next(int status, const std::string& body) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->failures.emplace_back(status, body);
}
int FakeCodexBackend::requests() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->requests;
}
FakeCodexBackend::Request FakeCodexBackend::last_request() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->last;
}
std::vector<std::string> FakeCodexBackend::violations() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->violations;
}

}  // namespace klaude::codex::testing
