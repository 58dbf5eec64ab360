#include "plugins/responses/openai_models.h"

#include <algorithm>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "klaude/sdk/error.hpp"

namespace klaude::responses {

namespace {

// What klaude knows of a model family, matched by id prefix (longest first). Only facts the
// list cannot give; a server's own catalog (codex) always wins over these.
struct Family {
    const char* prefix;
    uint64_t context_window;  // input tokens
    uint64_t max_output_tokens;
    std::vector<const char*> efforts;  // reasoning efforts; empty: not a reasoning model
    const char* default_effort;
    bool verbosity;  // takes text.verbosity
};

const std::vector<Family>& families() {
    static const std::vector<Family> kFamilies = {
        {"gpt-5.1-codex", 272000, 128000, {"low", "medium", "high"}, "medium", false},
        {"gpt-5.1", 272000, 128000, {"none", "low", "medium", "high"}, "none", true},
        {"gpt-5-codex", 272000, 128000, {"low", "medium", "high"}, "medium", false},
        {"gpt-5", 272000, 128000, {"minimal", "low", "medium", "high"}, "medium", true},
        {"gpt-4.1", 1047576, 32768, {}, "", false},
        {"gpt-4o", 128000, 16384, {}, "", false},
        {"o4-mini", 200000, 100000, {"low", "medium", "high"}, "medium", false},
        {"o3", 200000, 100000, {"low", "medium", "high"}, "medium", false},
    };
    return kFamilies;
}

const Family* family_of(const std::string& id) {
    const Family* best = nullptr;
    size_t best_length = 0;
    for (const Family& f : families()) {
        const size_t n = std::char_traits<char>::length(f.prefix);
        if (id.compare(0, n, f.prefix) == 0 && n > best_length) {
            best = &f;
            best_length = n;
        }
    }
    return best;
}

// Models the Responses API cannot chat with.
bool is_text_model(const std::string& id) {
    static const char* const kNotText[] = {"embedding",  "tts",     "whisper",  "dall-e",
                                           "image",      "audio",   "realtime", "transcribe",
                                           "moderation", "davinci", "babbage",  "search"};
    for (const char* word : kNotText) {
        if (id.find(word) != std::string::npos) {
            return false;
        }
    }
    return true;
}

struct Entry {
    std::string id;
    int64_t created = 0;
};

}  // namespace

std::string catalog_from_openai_models(std::string_view body) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
    // FindMember/MemberEnd only on an object: on another value they are undefined behaviour.
    const rapidjson::Value* data = nullptr;
    if (!doc.HasParseError() && doc.IsObject()) {
        auto it = doc.FindMember("data");
        data = it != doc.MemberEnd() ? &it->value : nullptr;
    }
    if (data == nullptr || !data->IsArray()) {
        throw sdk::Error(KLAUDE_ERROR_PROTOCOL,
                         "the models list is not an OpenAI list ({\"data\":[…]} expected)");
    }
    std::vector<Entry> entries;
    for (const auto& m : data->GetArray()) {
        if (!m.IsObject()) {
            continue;
        }
        auto id = m.FindMember("id");
        if (id == m.MemberEnd() || !id->value.IsString() || id->value.GetStringLength() == 0) {
            continue;
        }
        Entry e{std::string(id->value.GetString(), id->value.GetStringLength()), 0};
        if (auto created = m.FindMember("created");
            created != m.MemberEnd() && created->value.IsInt64()) {
            e.created = created->value.GetInt64();
        }
        if (std::none_of(entries.begin(), entries.end(),
                         [&](const Entry& other) { return other.id == e.id; })) {
            entries.push_back(std::move(e));
        }
    }
    // Newest first: the list has no order of its own, and new models are what people want.
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.created > b.created; });

    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("models");
    w.StartArray();
    for (const Entry& e : entries) {
        const Family* f = family_of(e.id);
        w.StartObject();
        w.Key("id");
        w.String(e.id.c_str());
        w.Key("visibility");
        w.String(is_text_model(e.id) ? "list" : "hide");
        w.Key("capabilities");
        w.StartArray();
        w.String("tools");
        if (f != nullptr && !f->efforts.empty()) {
            w.String("reasoning");
            w.String("reasoning_summaries");
        }
        w.EndArray();
        if (f != nullptr) {
            w.Key("context_window");
            w.Uint64(f->context_window);
            w.Key("max_output_tokens");
            w.Uint64(f->max_output_tokens);
            w.Key("input_modalities");
            w.StartArray();
            w.String("text");
            w.String("image");
            w.EndArray();
            if (!f->efforts.empty()) {
                w.Key("reasoning_efforts");
                w.StartArray();
                for (const char* effort : f->efforts) {
                    w.String(effort);
                }
                w.EndArray();
                w.Key("default_reasoning_effort");
                w.String(f->default_effort);
            }
            if (f->verbosity) {
                w.Key("default_verbosity");
                w.String("medium");
            }
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace klaude::responses
