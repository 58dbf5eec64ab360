// The configuration of one Responses API client, parsed from the provider JSON the host passes
// to create_client (klaude/abi/provider.h):
//
//   {"id":"openai","protocol":"responses","base_url":"…","base_url_env":"OPENAI_BASE_URL",
//    "api_key_env":"OPENAI_API_KEY","headers":{"name":"value"},
//    "options":{"connect_timeout_ms":15000,"idle_timeout_ms":300000,"max_attempts":4,
//               "retry_base_ms":200,"max_retry_after_ms":10000,"max_retry_total_ms":30000,
//               "ca_file":"/path/ca.pem","proxy":true,"keep_alive":true}}
//
// keep_alive (default true): the client keeps its HTTP(S) connection open between calls and
// reuses it (klaude/support/connection_pool.h), so an agent run of many model calls pays for
// TCP and TLS set-up once. false: a new connection per call, sent with `Connection: close`
// (for a proxy or server that mishandles kept-alive connections; the benchmark's baseline).
//
// Precedence: environment > config > the defaults a (sub)class passes in. Subclasses (codex)
// pass their own ResponsesDefaults and may read extra fields from `options_json`.
#pragma once

#include "klaude/support/http_stream.h"
#include "klaude/support/retry_policy.h"

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace klaude::responses {

// Header name/value pairs in order. Response headers are stored with lower-case names.
using HeaderList = support::HeaderList;  // from klaude/support/http_stream.h

// Replaces every header called `name` (any case) with one `name: value`, appended.
void set_header(HeaderList& headers, const std::string& name, const std::string& value);

// What a provider flavour uses when the config does not say otherwise.
struct ResponsesDefaults {
    std::string base_url = "https://api.openai.com/v1";
    // When this environment variable is set and non-empty it overrides base_url. Empty: none.
    std::string base_url_env = "OPENAI_BASE_URL";
    // The environment variable holding the API key. Empty: no Authorization header by default.
    std::string api_key_env = "OPENAI_API_KEY";
};

struct ResponsesConfig {
    std::string id;           // the configured provider id ("openai"), for messages
    std::string protocol;     // the plugin provider ("responses")
    std::string base_url;     // resolved, without trailing slash
    std::string api_key_env;  // may be empty
    HeaderList headers;       // extra request headers; they override the client's own

    std::chrono::milliseconds connect_timeout{15000};
    std::chrono::milliseconds idle_timeout{300000};    // longest silence while reading
    int max_attempts = 4;                              // 1 = no retries
    std::chrono::milliseconds retry_base{200};         // first backoff; doubles, with jitter
    std::chrono::milliseconds max_retry_after{10000};  // longest 429 retry-after we wait for
    std::chrono::milliseconds max_retry_total{30000};  // longest total 429 waiting per call
    std::string ca_file;        // PEM bundle to trust instead of the system store (tests, corp CAs)
    bool use_proxy_env = true;  // honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY
    bool keep_alive = true;     // reuse the connection between calls (options.keep_alive)

    std::string options_json = "{}";  // the raw "options" object, for subclasses

    support::RetrySettings retry_settings() const {
        return {max_attempts, retry_base, max_retry_after, max_retry_total};
    }

    // Parses the provider JSON. Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT) with the
    // field and what was expected when it is malformed. Unknown fields are ignored.
    static ResponsesConfig from_json(std::string_view config_json,
                                     const ResponsesDefaults& defaults = ResponsesDefaults{});
};

}  // namespace klaude::responses
