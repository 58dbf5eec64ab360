#include "tests/plugins/codex/fake_oauth_server.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/URI.h>
#include <rapidjson/document.h>

#include <ctime>
#include <iterator>
#include <sstream>
#include <thread>

#include "plugins/codex/auth/pkce.h"
#include "tests/plugins/codex/test_jwt.h"

namespace klaude::codex::testing {

namespace {

using Request = Poco::Net::HTTPServerRequest;
using Response = Poco::Net::HTTPServerResponse;

void send(Response& response, int status, const std::string& content_type,
          const std::string& body) {
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType(content_type);
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

void send_json(Response& response, int status, const std::string& body) {
    send(response, status, "application/json", body);
}

std::string read_body(Request& request) {
    return std::string(std::istreambuf_iterator<char>(request.stream()), {});
}

std::string query_param(const Poco::URI& uri, const std::string& name) {
    for (const auto& [key, value] : uri.getQueryParameters()) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

}  // namespace

struct FakeOAuthServer::Impl {
    Options options;
    std::string issuer;
    mutable std::mutex mutex;

    struct Code {
        std::string challenge;
        std::string redirect_uri;
        bool used = false;
    };
    enum class RefreshState { kActive, kUsed, kRevoked };
    struct Refresh {
        RefreshState state = RefreshState::kActive;
        int grant = 0;
    };
    struct Device {
        std::string user_code;
        int polls = 0;
    };

    std::map<std::string, Code> codes;
    std::map<std::string, Refresh> refresh_tokens;
    std::map<std::string, Device> devices;
    std::deque<std::pair<int, std::string>> refresh_failures;
    std::deque<std::pair<std::string, std::string>> authorize_failures;
    std::string next_state, next_iss;
    bool tamper_state = false, tamper_iss = false;
    int counter = 0, grants = 0;
    int refresh_calls = 0, code_exchanges = 0, device_polls = 0;
    std::string last_token_content_type;  // "form" or "application/json"
    std::vector<std::string> presented;
    std::string last_access, last_refresh;
    std::vector<std::string> violations;

    void violation(const std::string& what) { violations.push_back(what); }

    // Called with the mutex held.
    std::string issue_tokens_json(int grant) {
        const int n = ++counter;
        const int64_t now = static_cast<int64_t>(std::time(nullptr));
        last_access = make_access_token(options.account_id, now + options.expires_in, options.plan,
                                        options.email, "at-" + std::to_string(n));
        last_refresh = "rt-" + std::to_string(n) + "-" + std::to_string(grant);
        refresh_tokens[last_refresh] = Refresh{RefreshState::kActive, grant};
        std::string json =
            R"({"access_token":")" + last_access + R"(","refresh_token":")" + last_refresh +
            R"(","id_token":")" + make_id_token(options.account_id, options.email) +
            R"(","token_type":"Bearer","scope":"openid profile email offline_access")";
        if (options.send_expires_in) {
            json += ",\"expires_in\":" + std::to_string(options.expires_in);
        }
        return json + "}";
    }

    void authorize(Request& request, Response& response) {
        const Poco::URI uri(request.getURI());
        std::lock_guard<std::mutex> lock(mutex);
        const std::string redirect_uri = query_param(uri, "redirect_uri");
        std::string problem;
        if (query_param(uri, "response_type") != "code") {
            problem = "response_type must be code";
        } else if (query_param(uri, "client_id") != options.client_id) {
            problem = "unknown client_id";
        } else if (redirect_uri.rfind("http://localhost:", 0) != 0 ||
                   redirect_uri.find("/auth/callback") == std::string::npos) {
            problem = "redirect_uri not registered: " + redirect_uri;
        } else if (query_param(uri, "code_challenge_method") != "S256" ||
                   query_param(uri, "code_challenge").size() != 43) {
            problem = "PKCE S256 required";
        } else if (query_param(uri, "scope").find("offline_access") == std::string::npos) {
            problem = "scope lacks offline_access";
        } else if (query_param(uri, "state").empty()) {
            problem = "state missing";
        }
        if (!problem.empty()) {
            violation("authorize: " + problem);
            send(response, 400, "text/plain", problem);
            return;
        }
        Poco::URI location(redirect_uri);
        if (!authorize_failures.empty()) {
            location.addQueryParameter("error", authorize_failures.front().first);
            location.addQueryParameter("error_description", authorize_failures.front().second);
            authorize_failures.pop_front();
        } else {
            const std::string code = "code-" + std::to_string(++counter);
            codes[code] = Code{query_param(uri, "code_challenge"), redirect_uri, false};
            location.addQueryParameter("code", code);
        }
        location.addQueryParameter("state", tamper_state ? next_state : query_param(uri, "state"));
        tamper_state = false;
        if (options.send_iss || tamper_iss) {
            location.addQueryParameter("iss", tamper_iss ? next_iss : issuer);
            tamper_iss = false;
        }
        response.redirect(location.toString(), Poco::Net::HTTPResponse::HTTP_FOUND);
    }

    void token(Request& request, Response& response) {
        // A form, as RFC 6749 says; the refresh may also be JSON, as the Codex CLI sends it to
        // auth.openai.com.
        const std::string type = request.getContentType();
        const bool json = type.rfind("application/json", 0) == 0;
        if (!json && type.rfind("application/x-www-form-urlencoded", 0) != 0) {
            std::lock_guard<std::mutex> lock(mutex);
            violation("token: body is " + type + ", not a form or JSON");
            send_json(response, 400,
                      R"({"error":"invalid_request","error_description":"form bodies only"})");
            return;
        }
        Poco::Net::HTMLForm form;
        if (json) {
            std::string text(std::istreambuf_iterator<char>(request.stream()), {});
            rapidjson::Document doc;
            doc.Parse(text.c_str());
            if (doc.IsObject()) {
                for (const auto& m : doc.GetObject()) {
                    if (m.value.IsString()) {
                        form.set(m.name.GetString(), m.value.GetString());
                    }
                }
            }
        } else {
            form.load(request, request.stream());
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            last_token_content_type = json ? "application/json" : "form";
            if (json && form.get("grant_type", "") != "refresh_token") {
                violation("token: the code exchange must be a form, as the Codex CLI sends it");
            }
        }
        const std::string grant_type = form.get("grant_type", "");
        if (form.get("client_id", "") != options.client_id) {
            std::lock_guard<std::mutex> lock(mutex);
            violation("token: wrong client_id");
            send_json(response, 401, R"({"error":"invalid_client"})");
            return;
        }
        if (grant_type == "authorization_code") {
            exchange(form, response);
        } else if (grant_type == "refresh_token") {
            refresh(form, response);
        } else {
            std::lock_guard<std::mutex> lock(mutex);
            violation("token: grant_type " + grant_type);
            send_json(response, 400, R"({"error":"unsupported_grant_type"})");
        }
    }

    void exchange(const Poco::Net::NameValueCollection& form, Response& response) {
        std::lock_guard<std::mutex> lock(mutex);
        ++code_exchanges;
        auto it = codes.find(form.get("code", ""));
        if (it == codes.end() || it->second.used) {
            send_json(response, 400,
                      R"({"error":"invalid_grant","error_description":"unknown or used code"})");
            return;
        }
        it->second.used = true;
        if (form.get("redirect_uri", "") != it->second.redirect_uri) {
            send_json(response, 400,
                      R"({"error":"invalid_grant","error_description":"redirect_uri mismatch"})");
            return;
        }
        if (s256_challenge(form.get("code_verifier", "")) != it->second.challenge) {
            send_json(
                response, 400,
                R"({"error":"invalid_grant","error_description":"PKCE verification failed"})");
            return;
        }
        send_json(response, 200, issue_tokens_json(++grants));
    }

    void refresh(const Poco::Net::NameValueCollection& form, Response& response) {
        const std::string token = form.get("refresh_token", "");
        {
            std::lock_guard<std::mutex> lock(mutex);
            ++refresh_calls;
            presented.push_back(token);
        }
        std::this_thread::sleep_for(options.refresh_delay);
        std::lock_guard<std::mutex> lock(mutex);
        if (!refresh_failures.empty()) {
            auto [status, body] = refresh_failures.front();
            refresh_failures.pop_front();
            send_json(response, status, body);
            return;
        }
        auto it = refresh_tokens.find(token);
        if (it == refresh_tokens.end() || it->second.state == RefreshState::kRevoked) {
            send_json(
                response, 401,
                R"({"error":"invalid_grant","error_description":"grant request is invalid"})");
            return;
        }
        if (it->second.state == RefreshState::kUsed) {
            // Reuse detection: the whole grant dies, like OpenAI and oidc-provider do.
            const int grant = it->second.grant;
            for (auto& [_, refresh] : refresh_tokens) {
                if (refresh.grant == grant) {
                    refresh.state = RefreshState::kRevoked;
                }
            }
            send_json(response, 401,
                      R"({"error":{"message":"Your refresh token has already been used to )"
                      R"(generate a new access token.","type":"invalid_request_error",)"
                      R"("code":"refresh_token_reused"}})");
            return;
        }
        it->second.state = RefreshState::kUsed;
        send_json(response, 200, issue_tokens_json(it->second.grant));
    }

    void device_usercode(Request& request, Response& response) {
        rapidjson::Document doc;
        const std::string body = read_body(request);
        doc.Parse(body.c_str());
        std::lock_guard<std::mutex> lock(mutex);
        if (!doc.IsObject() || !doc.HasMember("client_id") || !doc["client_id"].IsString() ||
            doc["client_id"].GetString() != options.client_id) {
            violation("usercode: body must be {client_id}");
            send_json(response, 400, R"({"error":"bad request"})");
            return;
        }
        const std::string id = "dev-" + std::to_string(++counter);
        devices[id] = Device{"ABCD-" + std::to_string(1000 + counter), 0};
        send_json(response, 200,
                  R"({"device_auth_id":")" + id + R"(","user_code":")" + devices[id].user_code +
                      R"(","interval":"1"})");
    }

    void device_token(Request& request, Response& response) {
        rapidjson::Document doc;
        const std::string body = read_body(request);
        doc.Parse(body.c_str());
        std::lock_guard<std::mutex> lock(mutex);
        ++device_polls;
        if (!doc.IsObject() || !doc.HasMember("device_auth_id") ||
            !doc["device_auth_id"].IsString() || !doc.HasMember("user_code") ||
            !doc["user_code"].IsString()) {
            violation("deviceauth/token: body must be {device_auth_id,user_code}");
            send_json(response, 400, R"({"error":"bad request"})");
            return;
        }
        auto it = devices.find(doc["device_auth_id"].GetString());
        if (it == devices.end() || it->second.user_code != doc["user_code"].GetString()) {
            violation("deviceauth/token: unknown device code");
            send_json(response, 400, R"({"error":"unknown device"})");
            return;
        }
        if (it->second.polls++ < options.device_pending_polls) {
            send_json(response, 403, R"({"error":"authorization_pending"})");
            return;
        }
        const PkceCodes pkce = generate_pkce();
        const std::string code = "devcode-" + std::to_string(++counter);
        codes[code] = Code{pkce.challenge, issuer + "/deviceauth/callback", false};
        send_json(response, 200,
                  R"({"authorization_code":")" + code + R"(","code_challenge":")" + pkce.challenge +
                      R"(","code_verifier":")" + pkce.verifier + R"("})");
    }

    void handle(Request& request, Response& response) {
        const std::string path = Poco::URI(request.getURI()).getPath();
        const std::string& method = request.getMethod();
        if (method == "GET" && path == "/oauth/authorize") {
            authorize(request, response);
        } else if (method == "POST" && path == "/oauth/token") {
            token(request, response);
        } else if (method == "POST" && path == "/api/accounts/deviceauth/usercode") {
            device_usercode(request, response);
        } else if (method == "POST" && path == "/api/accounts/deviceauth/token") {
            device_token(request, response);
        } else {
            send(response, 404, "text/plain", "not found");
        }
    }
};

FakeOAuthServer::FakeOAuthServer(Options options, uint16_t port) : impl_(std::make_shared<Impl>()) {
    impl_->options = std::move(options);
    std::shared_ptr<Impl> impl = impl_;
    server_ = std::make_unique<klaude::testing::LoopbackServer>(
        [impl](Request& request, Response& response) { impl->handle(request, response); }, port);
    impl_->issuer = server_->base_url();
}

FakeOAuthServer::~FakeOAuthServer() {
    server_.reset();
}

std::string FakeOAuthServer::issuer() const {
    return impl_->issuer;
}
uint16_t FakeOAuthServer::port() const {
    return server_->port();
}

void FakeOAuthServer::fail_next_refresh(int status, const std::string& body) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->refresh_failures.emplace_back(status, body);
}

void FakeOAuthServer::fail_next_authorize(const std::string& error,
                                          const std::string& description) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->authorize_failures.emplace_back(error, description);
}

void FakeOAuthServer::tamper_next_state(const std::string& state) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->tamper_state = true;
    impl_->next_state = state;
}

void FakeOAuthServer::tamper_next_iss(const std::string& iss) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->tamper_iss = true;
    impl_->next_iss = iss;
}

std::string FakeOAuthServer::issue_refresh_token() {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->issue_tokens_json(++impl_->grants);
    return impl_->last_refresh;
}

int FakeOAuthServer::refresh_calls() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->refresh_calls;
}

std::string FakeOAuthServer::last_token_content_type() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->last_token_content_type;
}
int FakeOAuthServer::code_exchanges() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->code_exchanges;
}
int FakeOAuthServer::device_polls() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->device_polls;
}
std::vector<std::string> FakeOAuthServer::presented_refresh_tokens() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->presented;
}
std::string FakeOAuthServer::last_access_token() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->last_access;
}
std::string FakeOAuthServer::last_refresh_token() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->last_refresh;
}
std::vector<std::string> FakeOAuthServer::violations() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->violations;
}

}  // namespace klaude::codex::testing
