#include "plugins/codex/codex_catalog.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "klaude/sdk/error.hpp"

namespace klaude::codex {

namespace {

using rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

std::vector<unsigned long> version_parts(const std::string& version) {
    std::vector<unsigned long> parts;
    const char* p = version.c_str();
    while (*p != '\0') {
        char* end = nullptr;
        parts.push_back(std::strtoul(p, &end, 10));
        if (end == p) {
            break;
        }
        p = *end == '.' ? end + 1 : end;
        if (*end != '.') {
            break;  // "0.171.0-alpha.1": the pre-release part does not count
        }
    }
    return parts;
}

const Value* member(const Value& object, const char* name) {
    auto it = object.FindMember(name);
    return it != object.MemberEnd() ? &it->value : nullptr;
}

std::string string_of(const Value& object, const char* name) {
    const Value* v = member(object, name);
    return v != nullptr && v->IsString() ? std::string(v->GetString(), v->GetStringLength())
                                         : std::string();
}

bool true_of(const Value& object, const char* name) {
    const Value* v = member(object, name);
    return v != nullptr && v->IsBool() && v->GetBool();
}

void copy_string(Writer& w, const Value& from, const char* from_name, const char* to_name) {
    const std::string value = string_of(from, from_name);
    if (!value.empty()) {
        w.Key(to_name);
        w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
    }
}

void write_model(Writer& w, const Value& m) {
    w.StartObject();
    copy_string(w, m, "slug", "id");
    copy_string(w, m, "display_name", "display_name");
    copy_string(w, m, "description", "description");
    if (const Value* v = member(m, "context_window"); v != nullptr && v->IsUint64()) {
        w.Key("context_window");
        w.Uint64(v->GetUint64());
    }
    w.Key("visibility");
    w.String(string_of(m, "visibility") == "hide" ? "hide" : "list");
    if (const Value* v = member(m, "priority"); v != nullptr && v->IsInt64()) {
        w.Key("priority");
        w.Int64(v->GetInt64());
    }
    std::vector<std::string> efforts;
    if (const Value* levels = member(m, "supported_reasoning_levels");
        levels != nullptr && levels->IsArray()) {
        for (const Value& level : levels->GetArray()) {
            if (level.IsObject() && !string_of(level, "effort").empty()) {
                efforts.push_back(string_of(level, "effort"));
            } else if (level.IsString()) {
                efforts.emplace_back(level.GetString(), level.GetStringLength());
            }
        }
    }
    std::vector<std::string> modalities;
    if (const Value* v = member(m, "input_modalities"); v != nullptr && v->IsArray()) {
        for (const Value& modality : v->GetArray()) {
            if (modality.IsString()) {
                modalities.emplace_back(modality.GetString(), modality.GetStringLength());
            }
        }
    }
    w.Key("capabilities");
    w.StartArray();
    w.String("tools");
    if (!efforts.empty()) {
        w.String("reasoning");
    }
    if (true_of(m, "supports_reasoning_summaries")) {
        w.String("reasoning_summaries");
    }
    if (const Value* v = member(m, "supports_parallel_tool_calls");
        v != nullptr && v->IsBool() && !v->GetBool()) {
        w.String("no_parallel_tool_calls");
    }
    if (true_of(m, "support_verbosity")) {
        w.String("verbosity");
    }
    w.EndArray();
    if (!efforts.empty()) {
        w.Key("reasoning_efforts");
        w.StartArray();
        for (const std::string& e : efforts) {
            w.String(e.c_str(), static_cast<rapidjson::SizeType>(e.size()));
        }
        w.EndArray();
        copy_string(w, m, "default_reasoning_level", "default_reasoning_effort");
    }
    copy_string(w, m, "default_reasoning_summary", "default_reasoning_summary");
    if (true_of(m, "support_verbosity")) {
        copy_string(w, m, "default_verbosity", "default_verbosity");
    }
    if (!modalities.empty()) {
        w.Key("input_modalities");
        w.StartArray();
        for (const std::string& modality : modalities) {
            w.String(modality.c_str(), static_cast<rapidjson::SizeType>(modality.size()));
        }
        w.EndArray();
    }
    if (const Value* upgrade = member(m, "upgrade")) {
        std::string target = upgrade->IsString()   ? std::string(upgrade->GetString())
                             : upgrade->IsObject() ? string_of(*upgrade, "model")
                                                   : std::string();
        if (!target.empty()) {
            w.Key("upgrade");
            w.StartObject();
            w.Key("model");
            w.String(target.c_str(), static_cast<rapidjson::SizeType>(target.size()));
            if (upgrade->IsObject()) {
                copy_string(w, *upgrade, "migration_markdown", "message");
            }
            w.EndObject();
        }
    }
    w.EndObject();
}

}  // namespace

bool version_less(const std::string& a, const std::string& b) {
    std::vector<unsigned long> x = version_parts(a);
    std::vector<unsigned long> y = version_parts(b);
    const size_t n = std::max(x.size(), y.size());
    x.resize(n, 0);
    y.resize(n, 0);
    return x < y;
}

std::string catalog_from_codex_models(std::string_view body, const std::string& client_version) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
    const Value* models = doc.IsObject() ? member(doc, "models") : nullptr;
    if (doc.HasParseError() || models == nullptr || !models->IsArray()) {
        throw sdk::Error(KLAUDE_ERROR_PROTOCOL,
                         "the Codex backend's models answer is not a catalog ({\"models\":[…]} "
                         "expected)");
    }
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("models");
    w.StartArray();
    for (const Value& m : models->GetArray()) {
        if (!m.IsObject() || string_of(m, "slug").empty()) {
            continue;  // the host reports a catalog left empty by this
        }
        const std::string minimal = string_of(m, "minimal_client_version");
        if (!minimal.empty() && version_less(client_version, minimal)) {
            continue;
        }
        write_model(w, m);
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::vector<sdk::ModelInfo> listed_models(std::string_view catalog_json) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(catalog_json.data(), catalog_json.size());
    std::vector<sdk::ModelInfo> out;
    const Value* models = doc.IsObject() ? member(doc, "models") : nullptr;
    if (models == nullptr || !models->IsArray()) {
        return out;
    }
    for (const Value& m : models->GetArray()) {
        if (!m.IsObject() || string_of(m, "visibility") == "hide") {
            continue;
        }
        sdk::ModelInfo info;
        info.id = string_of(m, "id");
        info.display_name = string_of(m, "display_name");
        if (const Value* v = member(m, "context_window"); v != nullptr && v->IsUint()) {
            info.context_window = v->GetUint();
        }
        info.capabilities = KLAUDE_MODEL_TOOLS;
        if (member(m, "reasoning_efforts") != nullptr) {
            info.capabilities |= KLAUDE_MODEL_REASONING;
        }
        if (const Value* v = member(m, "input_modalities"); v != nullptr && v->IsArray()) {
            for (const Value& modality : v->GetArray()) {
                if (modality.IsString() && std::string(modality.GetString()) == "image") {
                    info.capabilities |= KLAUDE_MODEL_IMAGES;
                }
            }
        }
        out.push_back(std::move(info));
    }
    return out;
}

}  // namespace klaude::codex
