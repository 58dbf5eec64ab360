#include "core/agent/item_origin.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::core {

namespace {

constexpr std::string_view kTagPrefix = "{\"origin\":\"";

// A plugin provider id is [a-z0-9._-]: no escaping needed, checked anyway so a tag can never
// break the item's JSON.
bool plain(std::string_view id) {
    for (char c : id) {
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string tag_origin(std::string_view item_json, std::string_view origin) {
    if (origin.empty() || !plain(origin) || item_json.empty() || item_json.front() != '{' ||
        !item_origin(item_json).empty()) {
        return std::string(item_json);
    }
    std::string out;
    out.reserve(item_json.size() + origin.size() + 14);
    out.append(kTagPrefix);
    out.append(origin);
    out.push_back('"');
    // `{}` stays an object with one member; `{"a":…` gets a comma.
    std::string_view rest = item_json.substr(1);
    size_t first = rest.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && rest[first] != '}') {
        out.push_back(',');
    }
    out.append(rest);
    return out;
}

std::string_view item_origin(std::string_view item_json) {
    if (item_json.substr(0, kTagPrefix.size()) != kTagPrefix) {
        return {};
    }
    const size_t end = item_json.find('"', kTagPrefix.size());
    if (end == std::string_view::npos) {
        return {};
    }
    return item_json.substr(kTagPrefix.size(), end - kTagPrefix.size());
}

std::optional<std::string> item_for_provider(std::string_view item_json, std::string_view target) {
    const std::string_view origin = item_origin(item_json);
    if (origin.empty() || origin == target) {
        return std::nullopt;
    }
    rapidjson::Document item;
    item.Parse<rapidjson::kParseIterativeFlag>(item_json.data(), item_json.size());
    if (item.HasParseError() || !item.IsObject()) {
        return std::nullopt;  // not ours to judge: the plugin reports a bad item
    }
    auto type = item.FindMember("type");
    if (type != item.MemberEnd() && type->value.IsString() &&
        std::string_view(type->value.GetString()) == "reasoning") {
        return std::string();
    }
    for (const char* opaque : {"origin", "provider_state", "encrypted_content"}) {
        item.EraseMember(opaque);  // keeps the order of the other members
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    item.Accept(w);
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace klaude::core
