#include "plugins/chat/chat_config.h"

#include <strings.h>

#include <algorithm>
#include <cstdlib>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "klaude/sdk/error.hpp"

namespace klaude::chat {
namespace {

[[noreturn]] void bad(const std::string& what) {
    throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, "provider config: " + what);
}

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

int64_t integer_option(const rapidjson::Value& options, const char* name, int64_t fallback,
                       int64_t min, int64_t max) {
    auto it = options.FindMember(name);
    if (it == options.MemberEnd()) {
        return fallback;
    }
    if (!it->value.IsInt64() || it->value.GetInt64() < min || it->value.GetInt64() > max) {
        bad(std::string("options.") + name + " must be an integer from " + std::to_string(min) +
            " to " + std::to_string(max));
    }
    return it->value.GetInt64();
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

std::string ChatConfig::missing_base_url() const {
    return "provider " + (id.empty() ? std::string("chat") : "'" + id + "'") +
           " has no base_url: set it in config.json, e.g. \"base_url\": "
           "\"http://localhost:11434/v1\"";
}

ChatConfig ChatConfig::from_json(std::string_view config_json) {
    rapidjson::Document doc;
    doc.Parse(config_json.data(), config_json.size());
    if (doc.HasParseError()) {
        bad(std::string("invalid JSON at offset ") + std::to_string(doc.GetErrorOffset()) + ": " +
            rapidjson::GetParseError_En(doc.GetParseError()));
    }
    if (!doc.IsObject()) {
        bad("expected a JSON object");
    }
    ChatConfig config;
    config.id = string_field(doc, "id", "", "");
    config.base_url_env = string_field(doc, "base_url_env", "", "");
    const std::string& base_url_env = config.base_url_env;
    config.base_url = string_field(doc, "base_url", "", "");
    if (std::string from_env = env(base_url_env); !from_env.empty()) {
        config.base_url = from_env;
    }
    while (!config.base_url.empty() && config.base_url.back() == '/') {
        config.base_url.pop_back();
    }
    // An empty base_url is accepted here (the host's implicit `chat` provider has none): the
    // client's calls refuse it (missing_base_url()).
    if (!config.base_url.empty() && config.base_url.rfind("http://", 0) != 0 &&
        config.base_url.rfind("https://", 0) != 0) {
        bad("base_url '" + config.base_url + "' must start with http:// or https://" +
            (base_url_env.empty() ? "" : " (check " + base_url_env + ")"));
    }
    config.api_key_env = string_field(doc, "api_key_env", "", "");

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
    config.stream_usage = bool_option(options, "stream_usage", config.stream_usage);
    config.instructions_role =
        one_of(options, "instructions_role", config.instructions_role, {"system", "developer"});
    config.max_tokens_field = one_of(options, "max_tokens_field", config.max_tokens_field,
                                     {"max_tokens", "max_completion_tokens"});
    if (auto extra = options.FindMember("extra_body");
        extra != options.MemberEnd() && !extra->value.IsNull()) {
        if (!extra->value.IsObject()) {
            bad("options.extra_body must be an object");
        }
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        extra->value.Accept(writer);
        config.extra_body.assign(buffer.GetString(), buffer.GetSize());
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

}  // namespace klaude::chat
