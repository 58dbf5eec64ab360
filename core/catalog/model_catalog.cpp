#include "core/catalog/model_catalog.h"

#include <algorithm>
#include <set>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/catalog/catalog_json.h"

namespace klaude::core {

namespace {

using rapidjson::Value;

std::string string_field(const Value& object, const char* name) {
    auto it = object.FindMember(name);
    return it != object.MemberEnd() && it->value.IsString()
               ? std::string(it->value.GetString(), it->value.GetStringLength())
               : std::string();
}

uint64_t count_field(const Value& object, const char* name) {
    auto it = object.FindMember(name);
    if (it == object.MemberEnd()) {
        return 0;
    }
    if (it->value.IsUint64()) {
        return it->value.GetUint64();
    }
    // Some servers write whole numbers as 272000.0.
    if (it->value.IsDouble() && it->value.GetDouble() > 0 && it->value.GetDouble() < 1e15) {
        return static_cast<uint64_t>(it->value.GetDouble());
    }
    return 0;
}

std::vector<std::string> strings_field(const Value& object, const char* name) {
    std::vector<std::string> out;
    auto it = object.FindMember(name);
    if (it == object.MemberEnd() || !it->value.IsArray()) {
        return out;
    }
    for (const Value& v : it->value.GetArray()) {
        if (v.IsString()) {
            out.emplace_back(v.GetString(), v.GetStringLength());
        }
    }
    return out;
}

CatalogModel parse_model(const Value& m, size_t index) {
    if (!m.IsObject()) {
        throw CatalogError("models[" + std::to_string(index) + "] is not an object");
    }
    CatalogModel model;
    model.id = string_field(m, "id");
    if (model.id.empty()) {
        throw CatalogError("models[" + std::to_string(index) + "] has no id");
    }
    model.display_name = string_field(m, "display_name");
    if (model.display_name.empty()) {
        model.display_name = model.id;
    }
    model.description = string_field(m, "description");
    model.context_window = count_field(m, "context_window");
    model.max_output_tokens = count_field(m, "max_output_tokens");
    model.listed = string_field(m, "visibility") != "hide";
    if (auto it = m.FindMember("priority"); it != m.MemberEnd() && it->value.IsInt64()) {
        model.priority = it->value.GetInt64();
    }
    model.reasoning_efforts = strings_field(m, "reasoning_efforts");
    model.default_reasoning_effort = string_field(m, "default_reasoning_effort");
    model.default_reasoning_summary = string_field(m, "default_reasoning_summary");
    model.default_verbosity = string_field(m, "default_verbosity");
    model.input_modalities = strings_field(m, "input_modalities");
    model.capabilities = strings_field(m, "capabilities");
    if (auto it = m.FindMember("upgrade"); it != m.MemberEnd() && it->value.IsObject()) {
        model.upgrade_model = string_field(it->value, "model");
        model.upgrade_message = string_field(it->value, "message");
    }
    return model;
}

}  // namespace

bool CatalogModel::has_capability(std::string_view name) const {
    return std::find(capabilities.begin(), capabilities.end(), name) != capabilities.end();
}

bool CatalogModel::accepts_images() const {
    if (!input_modalities.empty()) {
        return std::find(input_modalities.begin(), input_modalities.end(), "image") !=
               input_modalities.end();
    }
    return has_capability("images");
}

bool CatalogModel::parallel_tool_calls() const {
    return !has_capability("no_parallel_tool_calls");
}

const CatalogModel* ModelCatalog::find(std::string_view id) const {
    for (const CatalogModel& m : models) {
        if (m.id == id) {
            return &m;
        }
    }
    return nullptr;
}

const CatalogModel* ModelCatalog::first_listed() const {
    for (const CatalogModel& m : models) {
        if (m.listed) {
            return &m;
        }
    }
    return nullptr;
}

size_t ModelCatalog::listed_count() const {
    return static_cast<size_t>(std::count_if(models.begin(), models.end(),
                                             [](const CatalogModel& m) { return m.listed; }));
}

ModelCatalog parse_catalog(std::string_view json) {
    if (json.size() > kMaxCatalogJsonBytes) {
        throw CatalogError("the catalog is " + std::to_string(json.size() >> 10) +
                           " KiB, more than the " + std::to_string(kMaxCatalogJsonBytes >> 20) +
                           " MiB accepted");
    }
    rapidjson::Document doc;
    // Iterative: a deeply nested document from a server must not overflow the stack.
    doc.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
    if (doc.HasParseError()) {
        throw CatalogError(std::string("the catalog is not JSON (") +
                           rapidjson::GetParseError_En(doc.GetParseError()) + " at byte " +
                           std::to_string(doc.GetErrorOffset()) + ")");
    }
    // FindMember/MemberEnd only on an object: on another value they are undefined behaviour
    // (found by fuzz_catalog with the document "2…").
    const Value* models = nullptr;
    if (doc.IsObject()) {
        auto it = doc.FindMember("models");
        models = it != doc.MemberEnd() ? &it->value : nullptr;
    }
    if (models == nullptr || !models->IsArray()) {
        throw CatalogError("the catalog has no \"models\" array");
    }
    ModelCatalog catalog;
    std::set<std::string> seen;
    size_t index = 0;
    for (const Value& m : models->GetArray()) {
        CatalogModel model = parse_model(m, index++);
        if (!seen.insert(model.id).second) {
            throw CatalogError("the catalog lists model '" + model.id + "' twice");
        }
        catalog.models.push_back(std::move(model));
    }
    if (catalog.models.empty()) {
        throw CatalogError("the catalog lists no models");
    }
    std::stable_sort(catalog.models.begin(), catalog.models.end(),
                     [](const CatalogModel& a, const CatalogModel& b) {
                         if (a.priority.has_value() != b.priority.has_value()) {
                             return a.priority.has_value();
                         }
                         return a.priority.value_or(0) < b.priority.value_or(0);
                     });
    return catalog;
}

std::string catalog_to_json(const ModelCatalog& catalog) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_catalog(w, catalog);
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace klaude::core
