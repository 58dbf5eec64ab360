#include "core/catalog/catalog_json.h"

#include <string>
#include <vector>

namespace klaude::core {

namespace {

void string_member(JsonWriter& w, const char* key, const std::string& value) {
    if (value.empty()) {
        return;
    }
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void count_member(JsonWriter& w, const char* key, uint64_t value) {
    if (value == 0) {
        return;
    }
    w.Key(key);
    w.Uint64(value);
}

void strings_member(JsonWriter& w, const char* key, const std::vector<std::string>& values) {
    if (values.empty()) {
        return;
    }
    w.Key(key);
    w.StartArray();
    for (const std::string& v : values) {
        w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
    }
    w.EndArray();
}

}  // namespace

void write_catalog_model_fields(JsonWriter& w, const CatalogModel& m) {
    string_member(w, "id", m.id);
    string_member(w, "display_name", m.display_name);
    string_member(w, "description", m.description);
    count_member(w, "context_window", m.context_window);
    count_member(w, "max_output_tokens", m.max_output_tokens);
    w.Key("visibility");
    w.String(m.listed ? "list" : "hide");
    if (m.priority) {
        w.Key("priority");
        w.Int64(*m.priority);
    }
    strings_member(w, "capabilities", m.capabilities);
    strings_member(w, "reasoning_efforts", m.reasoning_efforts);
    string_member(w, "default_reasoning_effort", m.default_reasoning_effort);
    string_member(w, "default_reasoning_summary", m.default_reasoning_summary);
    string_member(w, "default_verbosity", m.default_verbosity);
    strings_member(w, "input_modalities", m.input_modalities);
    if (!m.upgrade_model.empty()) {
        w.Key("upgrade");
        w.StartObject();
        string_member(w, "model", m.upgrade_model);
        string_member(w, "message", m.upgrade_message);
        w.EndObject();
    }
}

void write_catalog_model(JsonWriter& w, const CatalogModel& m) {
    w.StartObject();
    write_catalog_model_fields(w, m);
    w.EndObject();
}

void write_catalog(JsonWriter& w, const ModelCatalog& catalog) {
    w.StartObject();
    w.Key("models");
    w.StartArray();
    for (const CatalogModel& m : catalog.models) {
        write_catalog_model(w, m);
    }
    w.EndArray();
    w.EndObject();
}

}  // namespace klaude::core
