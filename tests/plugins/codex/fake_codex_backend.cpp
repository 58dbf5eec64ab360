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
constexpr const char* kModelsPath = "/backend-api/codex/models";

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
    std::set<std::string> refused_models;
    bool reject_all = false;
    std::deque<std::pair<int, std::string>> failures;
    int requests = 0;
    int model_requests = 0;
    Request last;
    std::vector<Request> all;
    std::vector<std::string> violations;
    std::string catalog = FakeCodexBackend::default_catalog();
    int catalog_status = 200;
    std::string client_version = "0.171.0";

    static std::string header_of(const Request& r, const char* name) {
        auto it = r.headers.find(name);
        return it == r.headers.end() ? std::string() : it->second;
    }

    // The rules every backend request follows; returns the first broken one, or "".
    std::string check_identity(const Request& r) const {
        auto header = [&](const char* name) { return header_of(r, name); };
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
        if (header("version") != client_version) {
            return "version must be " + client_version;
        }
        if (header("originator") != "codex_exec") {
            return "originator";
        }
        if (header("user-agent").empty()) {
            return "User-Agent";
        }
        return {};
    }

    std::string check(const Request& r) const {
        auto header = [&](const char* name) { return header_of(r, name); };
        if (std::string broken = check_identity(r); !broken.empty()) {
            return broken;
        }
        if (header("session-id").empty()) {
            return "session-id";
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
        r.method = request.getMethod();
        r.uri = request.getURI();
        for (const auto& [name, value] : request) {
            r.headers[Poco::toLower(name)] = value;
        }
        r.body.assign(std::istreambuf_iterator<char>(request.stream()), {});
        std::unique_lock<std::mutex> lock(mutex);
        all.push_back(r);
        auto answer = [&](int status, const std::string& content_type, const std::string& text) {
            response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
            response.setContentType(content_type);
            response.setContentLength(static_cast<std::streamsize>(text.size()));
            response.send() << text;
        };
        const Poco::URI uri(request.getURI());
        if (request.getMethod() == "GET" && uri.getPath() == kModelsPath) {
            ++model_requests;
            std::string broken = check_identity(r);
            if (broken.empty() && uri.getQuery() != "client_version=" + client_version) {
                broken = "models query must be client_version=" + client_version;
            }
            if (!broken.empty()) {
                violations.push_back(broken);
                answer(400, "application/json", R"({"detail":"rule broken: )" + broken + R"("})");
                return;
            }
            answer(catalog_status, "application/json", catalog);
            return;
        }
        ++requests;
        last = r;
        if (request.getMethod() != "POST" || uri.getPath() != kPath) {
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
        rapidjson::Document parsed;
        parsed.Parse(r.body.c_str());
        if (const std::string model = parsed["model"].GetString(); refused_models.count(model)) {
            answer(400, "application/json",
                   R"({"detail":"The ')" + model +
                       R"(' model is not supported when using Codex with a ChatGPT account."})");
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

std::string FakeCodexBackend::default_catalog() {
    // The backend's form, trimmed to the fields klaude reads plus one it does not know.
    return R"({"models":[
      {"slug":"gpt-6.2-sol","display_name":"GPT-6.2-Sol","description":"Fast, go-to model",
       "visibility":"list","priority":1,"minimal_client_version":"0.166.0",
       "context_window":500000,"default_reasoning_level":"low",
       "supported_reasoning_levels":[{"effort":"low"},{"effort":"medium"},{"effort":"high"},
                                     {"effort":"xhigh"}],
       "input_modalities":["text","image"],"support_verbosity":true,"default_verbosity":"low",
       "supports_parallel_tool_calls":true,"supports_reasoning_summaries":true,
       "default_reasoning_summary":"none","upgrade":null,"prefer_websockets":true},
      {"slug":"gpt-6.1-terra","display_name":"GPT-6.1 Terra","visibility":"list","priority":3,
       "minimal_client_version":"0.153.0","context_window":500000,
       "default_reasoning_level":"medium",
       "supported_reasoning_levels":[{"effort":"low"},{"effort":"medium"},{"effort":"high"}]},
      {"slug":"gpt-6-luna","display_name":"GPT-6-Luna","visibility":"list","priority":2,
       "minimal_client_version":"0.155.0","context_window":272000,
       "default_reasoning_level":"medium",
       "supported_reasoning_levels":[{"effort":"low"},{"effort":"medium"}]},
      {"slug":"codex-auto-review","display_name":"Auto review","visibility":"hide",
       "priority":43,"context_window":272000},
      {"slug":"gpt-7-preview","display_name":"GPT-7 preview","visibility":"list","priority":0,
       "minimal_client_version":"0.190.0","context_window":1000000},
      {"slug":"gpt-5.1-codex","display_name":"GPT-5.1 Codex","visibility":"hide",
       "priority":50,"context_window":272000,
       "upgrade":{"model":"gpt-6.2-sol","migration_markdown":"Meet GPT-6.2 Sol"}}
    ]})";
}

void FakeCodexBackend::refuse_model(const std::string& model_id) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->refused_models.insert(model_id);
}
void FakeCodexBackend::set_catalog(const std::string& body, int status) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->catalog = body;
    impl_->catalog_status = status;
}
void FakeCodexBackend::expect_client_version(const std::string& version) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->client_version = version;
}
int FakeCodexBackend::model_requests() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->model_requests;
}
std::vector<FakeCodexBackend::Request> FakeCodexBackend::all_requests() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->all;
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
