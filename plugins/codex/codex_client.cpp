#include "plugins/codex/codex_client.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/LocalDateTime.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>
#include <rapidjson/document.h>

#include <algorithm>

#include "plugins/codex/auth/active_store.h"
#include "plugins/codex/auth/json_fields.h"
#include "plugins/codex/auth/oauth_constants.h"
#include "plugins/codex/auth/token_refresher.h"
#include "plugins/codex/codex_catalog.h"
#include "plugins/codex/codex_identity.h"
#include "plugins/responses/http_errors.h"

namespace klaude::codex {
namespace {

std::string local_time(int64_t epoch) {
    return Poco::DateTimeFormatter::format(
        Poco::LocalDateTime(Poco::Timestamp::fromEpochTime(epoch)), "%Y-%m-%d %H:%M");
}

std::string duration_text(int64_t seconds) {
    if (seconds < 60) {
        return "under a minute";
    }
    const int64_t minutes = seconds / 60;
    if (minutes < 60) {
        return std::to_string(minutes) + " min";
    }
    return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

}  // namespace

responses::ResponsesConfig codex_responses_config(std::string_view config_json) {
    responses::ResponsesDefaults defaults;
    defaults.base_url = kDefaultBackendUrl;
    defaults.base_url_env = kBackendUrlEnv;
    defaults.api_key_env = "";
    return responses::ResponsesConfig::from_json(config_json, defaults);
}

std::string usage_limit_message(const std::string& body, int64_t now) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
    const rapidjson::Value* error = doc.IsObject() ? json_object(doc, "error") : nullptr;
    if (error == nullptr) {
        return {};
    }
    const std::string type = json_string(*error, "type");
    const std::string code = json_string(*error, "code");
    if (type != "usage_limit_reached" && code != "usage_limit_reached") {
        return {};
    }
    std::string message = "You have reached the Codex usage limit of your ChatGPT";
    const std::string plan = json_string(*error, "plan_type");
    message += plan.empty() ? " plan" : " " + plan + " plan";
    std::optional<int64_t> resets_at = json_int(*error, "resets_at");
    if (!resets_at) {
        if (std::optional<int64_t> in = json_int(*error, "resets_in_seconds")) {
            // Bounded so that a hostile value cannot overflow the sum (a year is plenty).
            resets_at = now + std::clamp<int64_t>(*in, 0, 366 * 24 * 3600);
        }
    }
    if (resets_at) {
        message += "; it resets at " + local_time(*resets_at) + " (in " +
                   duration_text(std::max<int64_t>(0, *resets_at - now)) + ")";
    }
    return message + ". Usage: https://chatgpt.com/codex/settings/usage";
}

CodexClient::CodexClient(responses::ResponsesConfig config, CodexSettings settings, sdk::Host host,
                         EpochClock now)
    : ResponsesClient(std::move(config), host),
      settings_(std::move(settings)),
      user_agent_(user_agent_for(settings_)),
      instructions_(CodexInstructions::from_options(this->config().options_json)),
      token_client_(settings_.issuer, settings_.client_id,
                    HttpOptions{std::chrono::seconds(30), settings_.ca_file},
                    settings_.refresh_as_json ? RefreshEncoding::kJson : RefreshEncoding::kForm),
      now_(std::move(now)),
      fallback_session_id_(Poco::UUIDGenerator::defaultGenerator().createRandom().toString()) {}

void CodexClient::add_identity_headers(responses::HeaderList& headers,
                                       const std::string& user_agent) {
    std::unique_ptr<TokenStore> store = open_active_store(settings_.home);
    TokenRefresher refresher(*store, token_client_, now_, RefreshPolicy{},
                             [this] { return host().cancelled(); });
    const TokenSet tokens = refresher.valid_tokens();
    sent_access_token_ = tokens.access_token;
    responses::set_header(headers, "version", settings_.client_version);
    responses::set_header(headers, "Authorization", "Bearer " + tokens.access_token);
    responses::set_header(headers, "chatgpt-account-id", tokens.account_id);
    responses::set_header(headers, "originator", settings_.originator);
    responses::set_header(headers, "User-Agent", user_agent);
}

void CodexClient::add_headers(responses::HeaderList& headers) {
    // The Codex CLI names its conversation ("thread") the same in all three headers.
    const std::string& id = session_id().empty() ? fallback_session_id_ : session_id();
    responses::set_header(headers, "session-id", id);
    responses::set_header(headers, "thread-id", id);
    responses::set_header(headers, "x-client-request-id", id);
    responses::set_header(headers, "Accept", "text/event-stream");
    add_identity_headers(
        headers, user_agent_ + " (" + settings_.originator + "; " + settings_.client_version + ")");
}

void CodexClient::add_models_headers(responses::HeaderList& headers) {
    responses::set_header(headers, "Accept", "*/*");
    add_identity_headers(headers, user_agent_);
}

std::string CodexClient::models_url() const {
    return config().base_url + "/models?client_version=" + settings_.client_version;
}

std::string CodexClient::catalog_from_response(const std::string& body) const {
    return catalog_from_codex_models(body, settings_.client_version);
}

void CodexClient::finish_body(rapidjson::Document& body) {
    auto& a = body.GetAllocator();
    instructions_.apply(body);
    // The backend keeps nothing (store:false is required) and only streams.
    body.RemoveMember("store");
    body.AddMember("store", false, a);
    body.RemoveMember("stream");
    body.AddMember("stream", true, a);
    // Parameters the Codex backend refuses.
    body.RemoveMember("max_output_tokens");
    body.RemoveMember("temperature");
    body.RemoveMember("top_p");
    // Without storage, reasoning survives between turns only as encrypted content.
    auto include = body.FindMember("include");
    if (include == body.MemberEnd() || !include->value.IsArray()) {
        body.RemoveMember("include");
        body.AddMember("include", rapidjson::Value(rapidjson::kArrayType), a);
        include = body.FindMember("include");
    }
    bool present = false;
    for (const auto& item : include->value.GetArray()) {
        present = present || (item.IsString() &&
                              std::string(item.GetString()) == "reasoning.encrypted_content");
    }
    if (!present) {
        include->value.PushBack("reasoning.encrypted_content", a);
    }
}

bool CodexClient::refresh_after_unauthorized() {
    std::unique_ptr<TokenStore> store = open_active_store(settings_.home);
    TokenRefresher refresher(*store, token_client_, now_, RefreshPolicy{},
                             [this] { return host().cancelled(); });
    const TokenSet tokens = refresher.renew_after_unauthorized(sent_access_token_);
    host().debug("codex: the backend refused the access token; renewed the sign-in");
    return tokens.access_token != sent_access_token_;
}

std::string CodexClient::describe_http_error(int status, const std::string& body,
                                             const responses::HeaderList& headers) const {
    if (status == 429) {
        if (std::string message = usage_limit_message(body, now_()); !message.empty()) {
            return message;
        }
    }
    if (status == 401) {
        return std::string("ChatGPT refused the sign-in even after renewing it. Sign in again: ") +
               kLoginCommand;
    }
    if (status == 403) {
        const responses::ServerError error = responses::parse_error_body(body);
        return "ChatGPT refused access to Codex" +
               (error.message.empty() ? std::string() : ": " + error.message) +
               ". Check that your plan includes Codex, or sign in with another account: " +
               kLoginCommand;
    }
    return responses::default_http_error_message(status, body, headers, "");
}

}  // namespace klaude::codex
