// Reading a provider's configuration (the JSON the host passes to create_client, see
// klaude/abi/provider.h) strictly: a field of the wrong type or out of range is an error that
// names it (KLAUDE_ERROR_INVALID_ARGUMENT, "provider config: options.x must be …"), so a typo
// in config.json is one clear line instead of a silently ignored setting. Absent and null
// fields take the default. Unknown fields are ignored: the host and newer klaude versions add
// them.
//
// The transport options every HTTP provider shares are read in one place:
//   "options": {"connect_timeout_ms":15000,"idle_timeout_ms":300000,"max_attempts":4,
//               "retry_base_ms":200,"max_retry_after_ms":10000,"max_retry_total_ms":30000,
//               "ca_file":"/path/ca.pem","proxy":true,"keep_alive":true}
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "klaude/support/http_stream.h"
#include "klaude/support/retry_policy.h"

namespace klaude::support {

// How a provider reaches its server: timeouts, TLS trust, proxies, keep-alive, retries.
struct TransportSettings {
    std::chrono::milliseconds connect_timeout{15000};  // TCP, proxy CONNECT and TLS
    std::chrono::milliseconds idle_timeout{300000};    // longest silence while reading
    std::string ca_file;        // PEM bundle to trust instead of the system store
    bool use_proxy_env = true;  // honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY ("proxy")
    bool keep_alive = true;     // reuse the connection between calls
    RetrySettings retry{4, std::chrono::milliseconds(200), std::chrono::milliseconds(10000),
                        std::chrono::milliseconds(30000)};
};

namespace config {

// Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, "provider config: " + what).
[[noreturn]] void bad(const std::string& what);

// Member `name` of `object` as a string; `where` prefixes the name in errors ("options.").
std::string string_field(const rapidjson::Value& object, const char* name,
                         const std::string& fallback, const std::string& where = "");
// An integer option within [min, max].
int64_t integer_option(const rapidjson::Value& options, const char* name, int64_t fallback,
                       int64_t min, int64_t max);
bool bool_option(const rapidjson::Value& options, const char* name, bool fallback);
// A string option that must be one of `allowed`.
std::string one_of(const rapidjson::Value& options, const char* name, const std::string& fallback,
                   std::initializer_list<const char*> allowed);

// Parses the provider JSON into `doc`; a syntax error or a non-object is an error.
void parse_provider(std::string_view config_json, rapidjson::Document& doc);
// "headers": {"name":"value"} of the provider JSON (absent or null: none).
HeaderList headers(const rapidjson::Value& provider);
// "base_url" of the provider JSON (else `fallback`), replaced by $`base_url_env` when that is
// set and not empty, without trailing slashes. Not http(s)://: an error (an empty result is
// returned as is: the caller decides whether it needs one).
std::string base_url(const rapidjson::Value& provider, const std::string& fallback,
                     const std::string& base_url_env);

// The transport options of `options` (an object) over `defaults`.
TransportSettings transport(const rapidjson::Value& options, TransportSettings defaults = {});

// The value of environment variable `name`; "" when unset or `name` is empty.
std::string env(const std::string& name);

}  // namespace config

// Replaces every header called `name` (any case) with one `name: value`, at the end.
void set_header(HeaderList& headers, const std::string& name, const std::string& value);

}  // namespace klaude::support
