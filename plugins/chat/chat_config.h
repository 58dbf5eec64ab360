// The configuration of one Chat Completions client, parsed from the provider JSON the host
// passes to create_client (klaude/abi/provider.h):
//
//   {"id":"local","protocol":"chat","base_url":"http://localhost:11434/v1",
//    "base_url_env":"OLLAMA_BASE_URL","api_key_env":"OPENROUTER_API_KEY",
//    "headers":{"name":"value"},
//    "options":{"stream_usage":true,"instructions_role":"system"|"developer",
//               "max_tokens_field":"max_tokens"|"max_completion_tokens",
//               "extra_body":{…},
//               "connect_timeout_ms":15000,"idle_timeout_ms":300000,"max_attempts":4,
//               "retry_base_ms":200,"max_retry_after_ms":10000,"max_retry_total_ms":30000,
//               "ca_file":"/path/ca.pem",
//               "proxy":true,"keep_alive":true}}
//
// base_url is needed for any call (there is no one Chat Completions server) but a config
// without one parses: the host makes an implicit `chat` provider with no base_url, and its
// list_models must stay quiet (KLAUDE_ERROR_UNSUPPORTED) while stream() says what to set.
// base_url_env, when it names a set variable, overrides base_url. api_key_env empty or absent: no
// Authorization header (local servers); set: the variable must hold the key.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "klaude/support/http_stream.h"
#include "klaude/support/provider_config.h"

namespace klaude::chat {

using support::HeaderList;

struct ChatConfig {
    std::string id;        // the configured provider id ("local"), for messages
    std::string base_url;  // resolved, without trailing slash; may be empty (see above)
    std::string base_url_env;
    std::string api_key_env;  // may be empty: no key
    HeaderList headers;       // extra request headers; they override the client's own

    // Request shape, for the servers' differences.
    bool stream_usage = true;                     // send stream_options.include_usage
    std::string instructions_role = "system";     // or "developer"
    std::string max_tokens_field = "max_tokens";  // or "max_completion_tokens"
    std::string extra_body = "{}";                // a JSON object merged into every body

    // Timeouts, TLS trust, proxies, keep-alive, retries (the support library's options).
    support::TransportSettings transport;

    // Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT) naming the field when malformed.
    // Unknown fields are ignored.
    static ChatConfig from_json(std::string_view config_json);

    // The one-line message for a call on a provider without base_url.
    std::string missing_base_url() const;
};

using support::set_header;

}  // namespace klaude::chat
