#include "core/catalog/catalog_cache.h"

#include <fstream>
#include <sstream>

#include <rapidjson/document.h>

#include "core/catalog/catalog_json.h"
#include "core/config/klaude_home.h"

namespace klaude::core {

namespace {

constexpr int kFormatVersion = 1;

std::string safe_file_name(const std::string& id) {
    std::string name;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        name += ok ? c : '_';
    }
    if (name.empty() || name[0] == '.') {
        name.insert(0, "_");
    }
    return name;
}

}  // namespace

CatalogCache::CatalogCache(std::filesystem::path home)
    : dir_(std::move(home) / "cache" / "models") {}

std::filesystem::path CatalogCache::file_for(const std::string& provider_id) const {
    return dir_ / (safe_file_name(provider_id) + ".json");
}

std::optional<CachedCatalog> CatalogCache::load(const std::string& provider_id,
                                                const std::string& endpoint_key,
                                                std::string* problem) const {
    const std::filesystem::path file = file_for(provider_id);
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    auto corrupt = [&](const std::string& why) -> std::optional<CachedCatalog> {
        if (problem != nullptr) {
            *problem = "the model cache " + file.string() + " is unusable (" + why +
                       "); it will be replaced";
        }
        return std::nullopt;
    };
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(content.data(), content.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        return corrupt("not JSON");
    }
    auto version = doc.FindMember("version");
    auto endpoint = doc.FindMember("endpoint");
    auto fetched = doc.FindMember("fetched_at");
    auto catalog = doc.FindMember("catalog");
    if (version == doc.MemberEnd() || !version->value.IsInt() ||
        version->value.GetInt() != kFormatVersion || endpoint == doc.MemberEnd() ||
        !endpoint->value.IsString() || fetched == doc.MemberEnd() || !fetched->value.IsInt64() ||
        catalog == doc.MemberEnd() || !catalog->value.IsObject()) {
        return corrupt("unknown layout");
    }
    if (endpoint->value.GetString() != endpoint_key) {
        return std::nullopt;  // another server's list: a miss
    }
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    catalog->value.Accept(writer);
    try {
        return CachedCatalog{parse_catalog(std::string_view(buffer.GetString(), buffer.GetSize())),
                             fetched->value.GetInt64()};
    } catch (const CatalogError& e) {
        return corrupt(e.what());
    }
}

void CatalogCache::store(const std::string& provider_id, const std::string& endpoint_key,
                         const ModelCatalog& catalog, int64_t fetched_at) const {
    ensure_klaude_home(dir_.parent_path());
    ensure_klaude_home(dir_);
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("version");
    w.Int(kFormatVersion);
    w.Key("provider");
    w.String(provider_id.c_str(), static_cast<rapidjson::SizeType>(provider_id.size()));
    w.Key("endpoint");
    w.String(endpoint_key.c_str(), static_cast<rapidjson::SizeType>(endpoint_key.size()));
    w.Key("fetched_at");
    w.Int64(fetched_at);
    w.Key("catalog");
    write_catalog(w, catalog);
    w.EndObject();
    write_private_file(file_for(provider_id),
                       std::string_view(buffer.GetString(), buffer.GetSize()));
}

}  // namespace klaude::core
