#include "klaude/support/provider_config.h"

#include <strings.h>

#include <algorithm>
#include <cstdlib>

#include <rapidjson/error/en.h>

#include "klaude/sdk/error.hpp"

namespace klaude::support {
namespace config {

void bad(const std::string& what) {
    throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, "provider config: " + what);
}

std::string string_field(const rapidjson::Value& object, const char* name,
                         const std::string& fallback, const std::string& where) {
    if (!object.IsObject()) {
        return fallback;
    }
    auto it = object.FindMember(name);
    if (it == object.MemberEnd() || it->value.IsNull()) {
        return fallback;
    }
    if (!it->value.IsString()) {
        bad(where + name + " must be a string");
    }
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

int64_t integer_option(const rapidjson::Value& options, const char* name, int64_t fallback,
                       int64_t min, int64_t max) {
    if (!options.IsObject()) {
        return fallback;
    }
    auto it = options.FindMember(name);
    if (it == options.MemberEnd() || it->value.IsNull()) {
        return fallback;
    }
    if (!it->value.IsInt64() || it->value.GetInt64() < min || it->value.GetInt64() > max) {
        bad(std::string("options.") + name + " must be an integer from " + std::to_string(min) +
            " to " + std::to_string(max));
    }
    return it->value.GetInt64();
}

bool bool_option(const rapidjson::Value& options, const char* name, bool fallback) {
    if (!options.IsObject()) {
        return fallback;
    }
    auto it = options.FindMember(name);
    if (it == options.MemberEnd() || it->value.IsNull()) {
        return fallback;
    }
    if (!it->value.IsBool()) {
        bad(std::string("options.") + name + " must be true or false");
    }
    return it->value.GetBool();
}

std::string one_of(const rapidjson::Value& options, const char* name, const std::string& fallback,
                   std::initializer_list<const char*> allowed) {
    std::string value = string_field(options, name, fallback, "options.");
    for (const char* a : allowed) {
        if (value == a) {
            return value;
        }
    }
    std::string list;
    for (const char* a : allowed) {
        list += (list.empty() ? "\"" : ", \"") + std::string(a) + "\"";
    }
    bad(std::string("options.") + name + " must be one of " + list);
}

void parse_provider(std::string_view config_json, rapidjson::Document& doc) {
    doc.Parse(config_json.data(), config_json.size());
    if (doc.HasParseError()) {
        bad(std::string("invalid JSON at offset ") + std::to_string(doc.GetErrorOffset()) + ": " +
            rapidjson::GetParseError_En(doc.GetParseError()));
    }
    if (!doc.IsObject()) {
        bad("expected a JSON object");
    }
}

HeaderList headers(const rapidjson::Value& provider) {
    HeaderList out;
    auto it = provider.FindMember("headers");
    if (it == provider.MemberEnd() || it->value.IsNull()) {
        return out;
    }
    if (!it->value.IsObject()) {
        bad("headers must be an object of strings");
    }
    for (const auto& header : it->value.GetObject()) {
        if (!header.value.IsString()) {
            bad(std::string("headers.") + header.name.GetString() + " must be a string");
        }
        out.emplace_back(header.name.GetString(), header.value.GetString());
    }
    return out;
}

std::string base_url(const rapidjson::Value& provider, const std::string& fallback,
                     const std::string& base_url_env) {
    std::string url = string_field(provider, "base_url", fallback);
    if (std::string from_env = env(base_url_env); !from_env.empty()) {
        url = from_env;
    }
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
        bad("base_url '" + url + "' must start with http:// or https://" +
            (base_url_env.empty() ? "" : " (check " + base_url_env + ")"));
    }
    return url;
}

TransportSettings transport(const rapidjson::Value& options, TransportSettings t) {
    constexpr int64_t kDay = 24LL * 3600 * 1000;
    using std::chrono::milliseconds;
    t.connect_timeout = milliseconds(
        integer_option(options, "connect_timeout_ms", t.connect_timeout.count(), 1, kDay));
    t.idle_timeout =
        milliseconds(integer_option(options, "idle_timeout_ms", t.idle_timeout.count(), 1, kDay));
    t.retry.max_attempts =
        static_cast<int>(integer_option(options, "max_attempts", t.retry.max_attempts, 1, 20));
    t.retry.base =
        milliseconds(integer_option(options, "retry_base_ms", t.retry.base.count(), 0, 60000));
    t.retry.max_retry_after = milliseconds(
        integer_option(options, "max_retry_after_ms", t.retry.max_retry_after.count(), 0, kDay));
    t.retry.max_retry_total = milliseconds(
        integer_option(options, "max_retry_total_ms", t.retry.max_retry_total.count(), 0, kDay));
    t.ca_file = string_field(options, "ca_file", t.ca_file, "options.");
    t.use_proxy_env = bool_option(options, "proxy", t.use_proxy_env);
    t.keep_alive = bool_option(options, "keep_alive", t.keep_alive);
    return t;
}

std::string env(const std::string& name) {
    if (name.empty()) {
        return {};
    }
    const char* value = std::getenv(name.c_str());
    return value != nullptr ? std::string(value) : std::string();
}

}  // namespace config

void set_header(HeaderList& headers, const std::string& name, const std::string& value) {
    headers.erase(std::remove_if(headers.begin(), headers.end(),
                                 [&](const auto& h) {
                                     return strcasecmp(h.first.c_str(), name.c_str()) == 0;
                                 }),
                  headers.end());
    headers.emplace_back(name, value);
}

}  // namespace klaude::support
