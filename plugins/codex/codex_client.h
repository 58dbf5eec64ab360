// The Codex backend client: the Responses client pointed at ChatGPT's Codex backend
// (POST {base_url}/responses, default https://chatgpt.com/backend-api/codex, moved by base_url
// or KLAUDE_CODEX_BASE_URL), authenticated with the ChatGPT sign-in.
//
// Before every attempt it makes sure the access token is valid (renewing it under the shared
// lock when it expires within 5 minutes) and after a 401 renews it once and retries. What
// differs from the plain Responses API is in the hooks below: headers, body rules, messages.
#pragma once

#include <memory>
#include <string>

#include "plugins/codex/auth/browser_login.h"
#include "plugins/codex/auth/token_client.h"
#include "plugins/codex/codex_instructions.h"
#include "plugins/codex/codex_settings.h"
#include "plugins/responses/responses_client.h"

namespace klaude::codex {

// The Responses configuration with the codex defaults (backend URL and its env variable, no
// API key).
responses::ResponsesConfig codex_responses_config(std::string_view config_json);

class CodexClient : public responses::ResponsesClient {
  public:
    CodexClient(responses::ResponsesConfig config, CodexSettings settings, sdk::Host host,
                EpochClock now);

  protected:
    // The headers the Codex CLI sends on a responses request (golden capture): version,
    // session-id, thread-id, x-client-request-id, Accept, Authorization (a valid access
    // token), chatgpt-account-id, originator, User-Agent with the "(originator; version)"
    // suffix. Throws sdk::Error(KLAUDE_ERROR_NOT_LOGGED_IN) without a sign-in.
    void add_headers(responses::HeaderList& headers) override;
    // Those of the models request: version, Authorization, chatgpt-account-id, originator,
    // the plain User-Agent, Accept: */*.
    void add_models_headers(responses::HeaderList& headers) override;
    // {base_url}/models?client_version=V, as the Codex CLI asks.
    std::string models_url() const override;
    // The backend's catalog, without models this client version may not use (codex_catalog.h).
    std::string catalog_from_response(const std::string& body) const override;
    // store false, stream true, instructions always, include reasoning.encrypted_content,
    // no max_output_tokens / temperature / top_p (the backend rejects them).
    void finish_body(rapidjson::Document& body) override;
    // Renews the token the backend refused (unless another process already did).
    bool refresh_after_unauthorized() override;
    // 429 usage_limit_reached names the plan and the reset time; 401/403 say how to sign in.
    std::string describe_http_error(int status, const std::string& body,
                                    const responses::HeaderList& headers) const override;

  private:
    // version, Authorization, chatgpt-account-id, originator, User-Agent.
    void add_identity_headers(responses::HeaderList& headers, const std::string& user_agent);

    CodexSettings settings_;
    std::string user_agent_;  // computed once: it reads /etc/os-release
    CodexInstructions instructions_;
    TokenClient token_client_;
    EpochClock now_;
    std::string fallback_session_id_;  // when the request carries none
    std::string sent_access_token_;    // what the last attempt sent, compared after a 401
};

// The message for a 429 body {"error":{"type":"usage_limit_reached","plan_type":"plus",
// "resets_at":…|"resets_in_seconds":…}}; "" when the body is not a usage limit.
std::string usage_limit_message(const std::string& body, int64_t now);

}  // namespace klaude::codex
