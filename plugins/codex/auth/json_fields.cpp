#include "plugins/codex/auth/json_fields.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>

namespace klaude::codex {

std::string json_string(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return {};
    }
    auto it = object.FindMember(name);
    if (it == object.MemberEnd() || !it->value.IsString()) {
        return {};
    }
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::optional<int64_t> json_int(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return std::nullopt;
    }
    auto it = object.FindMember(name);
    if (it == object.MemberEnd()) {
        return std::nullopt;
    }
    const rapidjson::Value& v = it->value;
    if (v.IsInt64()) {
        return v.GetInt64();
    }
    if (v.IsDouble()) {
        // Converting a double outside int64's range is undefined behaviour (a server or a file
        // may well say 1e300): such a value reads as absent, like the Uint64s above INT64_MAX.
        const double d = v.GetDouble();
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
            return static_cast<int64_t>(d);
        }
        return std::nullopt;
    }
    if (v.IsString() && v.GetStringLength() > 0) {
        char* end = nullptr;
        const long long parsed = std::strtoll(v.GetString(), &end, 10);
        if (end != nullptr && *end == '\0') {
            return static_cast<int64_t>(parsed);
        }
    }
    return std::nullopt;
}

const rapidjson::Value* json_object(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return nullptr;
    }
    auto it = object.FindMember(name);
    return it != object.MemberEnd() && it->value.IsObject() ? &it->value : nullptr;
}

std::string json_serialize(const rapidjson::Value& value, bool pretty) {
    rapidjson::StringBuffer buffer;
    if (pretty) {
        rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
        writer.SetIndent(' ', 2);
        value.Accept(writer);
    } else {
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        value.Accept(writer);
    }
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace klaude::codex
