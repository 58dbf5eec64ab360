#include "plugins/anthropic/anthropic_models.h"

#include <rapidjson/document.h>

#include "klaude/abi/provider.h"
#include "klaude/sdk/error.hpp"
#include "klaude/support/json.h"

namespace klaude::anthropic {
namespace {

namespace json = support::json;

// Anthropic's published limits (docs.anthropic.com, "Models overview"). The max output is the
// standard one, without beta headers. Keep it small: only facts the models list cannot give.
const std::vector<ModelFamily>& families() {
    static const std::vector<ModelFamily> kFamilies = {
        {"claude-opus-4-5", 200000, 64000, true},
        {"claude-opus-4-1", 200000, 32000, true},
        {"claude-opus-4", 200000, 32000, true},
        {"claude-sonnet-4-5", 200000, 64000, true},
        {"claude-sonnet-4", 200000, 64000, true},
        {"claude-haiku-4-5", 200000, 64000, true},
        {"claude-3-7-sonnet", 200000, 64000, true},
        {"claude-3-5-sonnet", 200000, 8192, false},
        {"claude-3-5-haiku", 200000, 8192, false},
        {"claude-3-opus", 200000, 4096, false},
        {"claude-3-haiku", 200000, 4096, false},
        // A later generation this table does not name yet: what every Claude 4 model offers,
        // so new ids work with thinking and a safe output limit from the day they appear.
        {"claude-opus-", 200000, 32000, true},
        {"claude-sonnet-", 200000, 64000, true},
        {"claude-haiku-", 200000, 64000, true},
    };
    return kFamilies;
}

struct Snapshot {
    const char* id;
    const char* display_name;
};

// The descriptor's models, best default first (`-m anthropic` takes the first one).
constexpr Snapshot kSnapshot[] = {
    {"claude-sonnet-4-5-20250929", "Claude Sonnet 4.5"},
    {"claude-opus-4-5-20251101", "Claude Opus 4.5"},
    {"claude-haiku-4-5-20251001", "Claude Haiku 4.5"},
    {"claude-opus-4-1-20250805", "Claude Opus 4.1"},
};

}  // namespace

const ModelFamily* family_of(std::string_view model_id) {
    const ModelFamily* best = nullptr;
    size_t best_length = 0;
    for (const ModelFamily& f : families()) {
        const std::string_view prefix(f.prefix);
        if (model_id.substr(0, prefix.size()) == prefix && prefix.size() > best_length) {
            best = &f;
            best_length = prefix.size();
        }
    }
    return best;
}

const std::vector<const char*>& thinking_efforts() {
    static const std::vector<const char*> kEfforts = {"none",   "minimal", "low",
                                                      "medium", "high",    "xhigh"};
    return kEfforts;
}

ModelsPage parse_models_page(std::string_view body) {
    rapidjson::Document doc;
    const json::Value* data = json::parse(body, doc) ? json::array_field(doc, "data") : nullptr;
    if (data == nullptr) {
        throw sdk::Error(KLAUDE_ERROR_PROTOCOL,
                         "the models list is not Anthropic's ({\"data\":[…]} expected)");
    }
    ModelsPage page;
    for (const json::Value& model : data->GetArray()) {
        const std::string_view id = json::string_field(model, "id");
        if (id.empty()) {
            continue;
        }
        page.models.push_back(
            {std::string(id), std::string(json::string_field(model, "display_name"))});
    }
    page.has_more = json::bool_field(doc, "has_more", false);
    page.last_id.assign(json::string_field(doc, "last_id"));
    return page;
}

std::string catalog_json(const std::vector<ModelsPage::Model>& models) {
    rapidjson::StringBuffer buffer;
    json::Writer w(buffer);
    w.StartObject();
    w.Key("models");
    w.StartArray();
    for (const ModelsPage::Model& model : models) {
        w.StartObject();
        json::write_member(w, "id", model.id);
        if (!model.display_name.empty()) {
            json::write_member(w, "display_name", model.display_name);
        }
        if (const ModelFamily* f = family_of(model.id)) {
            w.Key("context_window");
            w.Int64(f->context_window);
            w.Key("max_output_tokens");
            w.Int64(f->max_output_tokens);
            w.Key("capabilities");
            w.StartArray();
            w.String("tools");
            w.String("images");
            if (f->thinking) {
                w.String("reasoning");
            }
            w.EndArray();
            w.Key("input_modalities");
            w.StartArray();
            w.String("text");
            w.String("image");
            w.EndArray();
            if (f->thinking) {
                w.Key("reasoning_efforts");
                w.StartArray();
                for (const char* effort : thinking_efforts()) {
                    w.String(effort);
                }
                w.EndArray();
            }
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::vector<sdk::ModelInfo> builtin_models() {
    std::vector<sdk::ModelInfo> models;
    for (const Snapshot& s : kSnapshot) {
        const ModelFamily* f = family_of(s.id);
        models.push_back({s.id, s.display_name, static_cast<uint32_t>(f->context_window),
                          static_cast<uint32_t>(f->max_output_tokens),
                          KLAUDE_MODEL_TOOLS | KLAUDE_MODEL_IMAGES |
                              (f->thinking ? static_cast<uint32_t>(KLAUDE_MODEL_REASONING) : 0u)});
    }
    return models;
}

std::string builtin_catalog_json() {
    std::vector<ModelsPage::Model> models;
    for (const Snapshot& s : kSnapshot) {
        models.push_back({s.id, s.display_name});
    }
    return catalog_json(models);
}

}  // namespace klaude::anthropic
