#include "plugins/anthropic/anthropic_config.h"

#include <rapidjson/document.h>

namespace klaude::anthropic {
namespace {

using support::config::bad;
using support::config::bool_option;
using support::config::string_field;

// An integer within [min, max]; `name` says where it is in errors.
int64_t checked_integer(const rapidjson::Value& value, const std::string& name, int64_t min,
                        int64_t max) {
    if (!value.IsInt64() || value.GetInt64() < min || value.GetInt64() > max) {
        bad(name + " must be an integer from " + std::to_string(min) + " to " +
            std::to_string(max));
    }
    return value.GetInt64();
}

}  // namespace

AnthropicConfig AnthropicConfig::from_json(std::string_view config_json) {
    rapidjson::Document doc;
    support::config::parse_provider(config_json, doc);
    AnthropicConfig config;
    config.id = string_field(doc, "id", config.id);
    config.base_url_env = string_field(doc, "base_url_env", config.base_url_env);
    config.api_key_env = string_field(doc, "api_key_env", config.api_key_env);
    if (config.api_key_env.empty()) {
        // Every Messages API call needs a key: an empty name would only move the error later.
        config.api_key_env = kDefaultKeyEnv;
    }
    config.base_url = support::config::base_url(doc, kDefaultBaseUrl, config.base_url_env);
    if (config.base_url.empty()) {
        bad("base_url must not be empty");
    }
    config.headers = support::config::headers(doc);

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
    config.transport = support::config::transport(options, config.transport);
    return config;
}

}  // namespace klaude::anthropic
