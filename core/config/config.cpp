#include "core/config/config.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>

namespace klaude::core {

const ProviderConfig* Config::find_provider(const std::string& id) const {
    for (const auto& p : providers) {
        if (p.id == id) {
            return &p;
        }
    }
    return nullptr;
}

const ModelConfig* Config::find_model(const std::string& name) const {
    for (const auto& m : models) {
        if (m.name == name) {
            return &m;
        }
    }
    return nullptr;
}

std::optional<std::string> effective_base_url(const ProviderConfig& provider) {
    if (provider.base_url_env) {
        if (const char* env = std::getenv(provider.base_url_env->c_str()); env && env[0] != '\0') {
            return std::string(env);
        }
    }
    return provider.base_url;
}

std::string to_plugin_json(const ProviderConfig& provider) {
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> w(out);
    w.StartObject();
    w.Key("id");
    w.String(provider.id);
    w.Key("protocol");
    w.String(provider.protocol);
    auto optional_string = [&w](const char* key, const std::optional<std::string>& value) {
        if (value) {
            w.Key(key);
            w.String(*value);
        }
    };
    optional_string("base_url", provider.base_url);
    optional_string("base_url_env", provider.base_url_env);
    optional_string("api_key_env", provider.api_key_env);
    w.Key("headers");
    w.StartObject();
    for (const auto& [name, value] : provider.headers) {
        w.Key(name.c_str(), static_cast<rapidjson::SizeType>(name.size()));
        w.String(value);
    }
    w.EndObject();
    w.Key("options");
    // options holds a JSON object validated by the loader; re-parse rather than splice text so
    // the output is well-formed even if a caller filled it by hand with something odd.
    rapidjson::Document options;
    options.Parse(provider.options);
    if (!options.HasParseError() && options.IsObject()) {
        options.Accept(w);
    } else {
        w.StartObject();
        w.EndObject();
    }
    w.EndObject();
    return out.GetString();
}

}  // namespace klaude::core
