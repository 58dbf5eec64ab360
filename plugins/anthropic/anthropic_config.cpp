#include "plugins/anthropic/anthropic_config.h"

#include <strings.h>

#include <algorithm>
#include <cstdlib>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "klaude/sdk/error.hpp"

namespace klaude::anthropic {
namespace {

[[noreturn]] void bad(const std::string& what) {
    throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, "provider config: " + what);
}

// A string member; absent or null: `fallback`; anything else but a string: an error.
std::string string_field(const rapidjson::Value& object, const char* name,
                         const std::string& fallback, const std::string& where) {
    auto it = object.FindMember(name);
    if (it == object.MemberEnd() || it->value.IsNull()) {
        return fallback;
    }
    if (!it->value.IsString()) {
        bad(where + name + " must be a string");
    }
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

int64_t checked_integer(const rapidjson::Value& value, const std::string& name, int64_t min,
                        int64_t max) {
    if (!value.IsInt64() || value.GetInt64() < min || value.GetInt64() > max) {
        bad(name + " must be an integer from " + std::to_string(min) + " to " +
            std::to_string(max));
    }
    return value.GetInt64();
}

int64_t integer_option(const rapidjson::Value& options, const char* name, int64_t fallback,
                       int64_t min, int64_t max) {
    auto it = options.FindMember(name);
    return it == options.MemberEnd()
               ? fallback
               : checked_integer(it->value, std::string("options.") + name, min, max);
}

bool bool_option(const rapidjson::Value& options, const char* name, bool fallback) {
    auto it = options.FindMember(name);
    if (it == options.MemberEnd()) {
        return fallback;
    }
    if (!it->value.IsBool()) {
        bad(std::string("options.") + name + " must be true or false");
    }
    return it->value.GetBool();
}

std::string env(const std::string& name) {
    if (name.empty()) {
        return {};
    }
    const char* value = std::getenv(name.c_str());
    return value != nullptr ? std::string(value) : std::string();
}

}  // namespace

void set_header(HeaderList& headers, const std::string& name, const std::string& value) {
    headers.erase(std::remove_if(headers.begin(), headers.end(),
                                 [&](const auto& h) {
                                     return strcasecmp(h.first.c_str(), name.c_str()) == 0;
                                 }),
                  headers.end());
    headers.emplace_back(name, value);
}

AnthropicConfig AnthropicConfig::from_json(std::string_view config_json) {
    rapidjson::Document doc;
    doc.Parse(config_json.data(), config_json.size());
    if (doc.HasParseError()) {
        bad(std::string("invalid JSON at offset ") + std::to_string(doc.GetErrorOffset()) + ": " +
            rapidjson::GetParseError_En(doc.GetParseError()));
    }
    if (!doc.IsObject()) {
        bad("expected a JSON object");
    }
    AnthropicConfig config;
    config.id = string_field(doc, "id", config.id, "");
    config.base_url_env = string_field(doc, "base_url_env", config.base_url_env, "");
    config.api_key_env = string_field(doc, "api_key_env", config.api_key_env, "");
    if (config.api_key_env.empty()) {
        // Every Messages API call needs a key: an empty name would only move the error later.
        config.api_key_env = kDefaultKeyEnv;
    }
    config.base_url = string_field(doc, "base_url", kDefaultBaseUrl, "");
    if (std::string from_env = env(config.base_url_env); !from_env.empty()) {
        config.base_url = from_env;
    }
    while (!config.base_url.empty() && config.base_url.back() == '/') {
        config.base_url.pop_back();
    }
    if (config.base_url.rfind("http://", 0) != 0 && config.base_url.rfind("https://", 0) != 0) {
        bad("base_url '" + config.base_url + "' must start with http:// or https://" +
            (config.base_url_env.empty() ? "" : " (check " + config.base_url_env + ")"));
    }

    if (auto it = doc.FindMember("headers"); it != doc.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsObject()) {
            bad("headers must be an object of strings");
        }
        for (const auto& header : it->value.GetObject()) {
            if (!header.value.IsString()) {
                bad(std::string("headers.") + header.name.GetString() + " must be a string");
            }
            config.headers.emplace_back(header.name.GetString(), header.value.GetString());
        }
    }

    auto it = doc.FindMember("options");
    if (it == doc.MemberEnd() || it->value.IsNull()) {
        return config;
    }
    const rapidjson::Value& options = it->value;
    if (!options.IsObject()) {
        bad("options must be an object");
    }
    config.anthropic_version =
        string_field(options, "anthropic_version", config.anthropic_version, "options.");
    if (auto m = options.FindMember("max_tokens"); m != options.MemberEnd()) {
        config.max_tokens = checked_integer(m->value, "options.max_tokens", 1, 1 << 24);
    }
    config.prompt_caching = bool_option(options, "prompt_caching", config.prompt_caching);
    if (auto b = options.FindMember("thinking_budgets");
        b != options.MemberEnd() && !b->value.IsNull()) {
        if (!b->value.IsObject()) {
            bad("options.thinking_budgets must be an object of effort: tokens");
        }
        for (const auto& entry : b->value.GetObject()) {
            const std::string effort = entry.name.GetString();
            // The API's minimum budget is 1024 tokens; 0 turns thinking off for that effort.
            if (entry.value.IsInt64() && entry.value.GetInt64() == 0) {
                config.thinking_budgets.erase(effort);
                continue;
            }
            config.thinking_budgets[effort] =
                checked_integer(entry.value, "options.thinking_budgets." + effort, 1024, 1 << 24);
        }
    }
    constexpr int64_t kDay = 24LL * 3600 * 1000;
    config.connect_timeout = std::chrono::milliseconds(
        integer_option(options, "connect_timeout_ms", config.connect_timeout.count(), 1, kDay));
    config.idle_timeout = std::chrono::milliseconds(
        integer_option(options, "idle_timeout_ms", config.idle_timeout.count(), 1, kDay));
    config.max_attempts =
        static_cast<int>(integer_option(options, "max_attempts", config.max_attempts, 1, 20));
    config.retry_base = std::chrono::milliseconds(
        integer_option(options, "retry_base_ms", config.retry_base.count(), 0, 60000));
    config.max_retry_after = std::chrono::milliseconds(
        integer_option(options, "max_retry_after_ms", config.max_retry_after.count(), 0, kDay));
    config.max_retry_total = std::chrono::milliseconds(
        integer_option(options, "max_retry_total_ms", config.max_retry_total.count(), 0, kDay));
    config.ca_file = string_field(options, "ca_file", "", "options.");
    config.use_proxy_env = bool_option(options, "proxy", config.use_proxy_env);
    config.keep_alive = bool_option(options, "keep_alive", config.keep_alive);
    return config;
}

}  // namespace klaude::anthropic
