#include "core/config/config_merge.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <iterator>

namespace klaude::core {

namespace {

void overlay(std::optional<std::string>& target, const StringField& field) {
    if (field.present) {
        target = field.value;
    }
}

void overlay(std::optional<uint64_t>& target, bool present, const std::optional<uint64_t>& value) {
    if (present) {
        target = value;
    }
}

bool same_header(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// Both texts are JSON objects (the layer parser made them). Top-level keys of `over` replace
// those of `base`; a null removes the key.
std::string merge_options(const std::string& base, const std::string& over) {
    rapidjson::Document result;
    result.Parse(base);
    if (result.HasParseError() || !result.IsObject()) {
        result.SetObject();
    }
    rapidjson::Document top;
    top.Parse(over);
    if (!top.HasParseError() && top.IsObject()) {
        auto& alloc = result.GetAllocator();
        for (auto& m : top.GetObject()) {
            result.RemoveMember(m.name);
            if (!m.value.IsNull()) {
                result.AddMember(rapidjson::Value(m.name, alloc), rapidjson::Value(m.value, alloc),
                                 alloc);
            }
        }
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    result.Accept(writer);
    return buffer.GetString();
}

void overlay_provider(ProviderConfig& p, const ProviderLayer& layer) {
    if (layer.protocol) {
        p.protocol = *layer.protocol;
    }
    overlay(p.base_url, layer.base_url);
    overlay(p.base_url_env, layer.base_url_env);
    overlay(p.api_key_env, layer.api_key_env);
    if (layer.list_models) {
        p.list_models = *layer.list_models;
    }
    for (const auto& [name, value] : layer.headers) {
        // HTTP header names are case-insensitive: "user-agent" replaces "User-Agent".
        for (auto it = p.headers.begin(); it != p.headers.end();) {
            it = same_header(it->first, name) ? p.headers.erase(it) : std::next(it);
        }
        if (value) {
            p.headers[name] = *value;
        }
    }
    p.options = merge_options(p.options, layer.options);
    // A user entry for it makes it a configured provider, whatever made it before.
    p.implicit = false;
}

void overlay_model(ModelConfig& m, const ModelLayer& layer) {
    if (layer.provider) {
        m.provider = *layer.provider;
    }
    if (layer.model_id) {
        m.model_id = *layer.model_id;
    }
    overlay(m.reasoning_effort, layer.reasoning_effort);
    overlay(m.reasoning_summary, layer.reasoning_summary);
    overlay(m.verbosity, layer.verbosity);
    overlay(m.instructions, layer.instructions);
    overlay(m.context_window, layer.context_window_present, layer.context_window);
    overlay(m.max_output_tokens, layer.max_output_tokens_present, layer.max_output_tokens);
    m.implicit = false;
}

template <typename T, typename Key>
T* find_by(std::vector<T>& items, const Key& key) {
    for (auto& item : items) {
        if (key(item)) {
            return &item;
        }
    }
    return nullptr;
}

}  // namespace

void merge_config_layer(Config& config, const ConfigLayer& layer) {
    for (const auto& pl : layer.providers) {
        if (ProviderConfig* existing =
                find_by(config.providers, [&](const ProviderConfig& p) { return p.id == pl.id; })) {
            overlay_provider(*existing, pl);
            continue;
        }
        if (!pl.protocol) {
            throw ConfigError(layer.source + ": " + pl.path +
                              ".protocol: missing for new provider \"" + pl.id +
                              "\"; expected a string naming the plugin provider that implements "
                              "it (see 'klaude plugins'), e.g. \"responses\"");
        }
        ProviderConfig p;
        p.id = pl.id;
        overlay_provider(p, pl);
        config.providers.push_back(std::move(p));
    }
    for (const auto& ml : layer.models) {
        if (ModelConfig* existing =
                find_by(config.models, [&](const ModelConfig& m) { return m.name == ml.name; })) {
            overlay_model(*existing, ml);
            continue;
        }
        if (!ml.provider) {
            throw ConfigError(layer.source + ": " + ml.path +
                              ".provider: missing for new model \"" + ml.name +
                              "\"; expected a string naming a configured provider id");
        }
        ModelConfig m;
        m.name = ml.name;
        // Most entries name the model by its id; then "model_id" may be left out.
        m.model_id = ml.name;
        overlay_model(m, ml);
        config.models.push_back(std::move(m));
    }
    if (layer.default_model) {
        config.default_model = *layer.default_model;
    }
    if (layer.catalog_ttl_s) {
        config.catalog_ttl_s = *layer.catalog_ttl_s;
    }
    if (layer.catalog_timeout_ms) {
        config.catalog_timeout_ms = *layer.catalog_timeout_ms;
    }
    for (const auto& server : layer.mcp_servers) {
        if (McpServerConfig* existing = find_by(config.mcp_servers, [&](const McpServerConfig& s) {
                return s.name == server.name;
            })) {
            *existing = server;
        } else {
            config.mcp_servers.push_back(server);
        }
    }
}

}  // namespace klaude::core
