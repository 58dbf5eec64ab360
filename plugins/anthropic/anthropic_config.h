// The configuration of one Anthropic Messages API client, parsed from the provider JSON the host
// passes to create_client (klaude/abi/provider.h):
//
//   {"id":"anthropic","protocol":"anthropic","base_url":"https://api.anthropic.com",
//    "base_url_env":"ANTHROPIC_BASE_URL","api_key_env":"ANTHROPIC_API_KEY",
//    "headers":{"name":"value"},
//    "options":{"anthropic_version":"2023-06-01","max_tokens":8192,"prompt_caching":true,
//               "thinking_budgets":{"minimal":1024,"low":1024,"medium":4096,"high":16384,
//                                   "xhigh":32000},
//               "connect_timeout_ms":15000,"idle_timeout_ms":300000,"max_attempts":4,
//               "retry_base_ms":500,"max_retry_after_ms":60000,"max_retry_total_ms":120000,
//               "ca_file":"/path/ca.pem","proxy":true,"keep_alive":true}}
//
// Unlike Chat Completions there is one Messages API server, so everything has a default: the
// host's implicit `anthropic` provider (no base_url, no api_key_env) talks to
// api.anthropic.com with the key in $ANTHROPIC_API_KEY, and $ANTHROPIC_BASE_URL (base_url_env's
// default) points it elsewhere, as Anthropic's own SDKs read it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "klaude/support/http_stream.h"
#include "klaude/support/provider_config.h"

namespace klaude::anthropic {

using support::HeaderList;

inline constexpr const char* kDefaultBaseUrl = "https://api.anthropic.com";
inline constexpr const char* kDefaultBaseUrlEnv = "ANTHROPIC_BASE_URL";
inline constexpr const char* kDefaultKeyEnv = "ANTHROPIC_API_KEY";
inline constexpr const char* kDefaultVersion = "2023-06-01";
// max_tokens when neither the request, the options nor the model table give one: the API
// requires the field, and every Claude model since Claude 3.5 can write this many.
inline constexpr int64_t kDefaultMaxTokens = 8192;

// The transport defaults: retries start at 500 ms, and a server-asked wait may be a minute
// (two in all per call).
inline support::TransportSettings anthropic_transport() {
    support::TransportSettings t;
    t.retry.base = std::chrono::milliseconds(500);
    t.retry.max_retry_after = std::chrono::milliseconds(60000);
    t.retry.max_retry_total = std::chrono::milliseconds(120000);
    return t;
}

struct AnthropicConfig {
    std::string id = "anthropic";  // the configured provider id, for messages
    std::string base_url;          // resolved, without trailing slash
    std::string base_url_env = kDefaultBaseUrlEnv;
    std::string api_key_env = kDefaultKeyEnv;
    HeaderList headers;  // extra request headers; they override the client's own

    // Request shape.
    std::string anthropic_version = kDefaultVersion;
    std::optional<int64_t> max_tokens;  // set by the user: beats the model table
    bool prompt_caching = true;
    // reasoning.effort -> thinking.budget_tokens; an effort not in the map (or "none"): no
    // extended thinking.
    std::map<std::string, int64_t> thinking_budgets = {
        {"minimal", 1024}, {"low", 1024}, {"medium", 4096}, {"high", 16384}, {"xhigh", 32000}};

    // Timeouts, TLS trust, proxies, keep-alive, retries (the support library's options), with
    // Anthropic's longer waits: it asks for them when overloaded.
    support::TransportSettings transport = anthropic_transport();

    // Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT) naming the field when malformed.
    // Unknown fields are ignored.
    static AnthropicConfig from_json(std::string_view config_json);
};

using support::set_header;

}  // namespace klaude::anthropic
