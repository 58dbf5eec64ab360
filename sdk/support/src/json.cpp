#include "klaude/support/json.h"

#include <cmath>

#include <rapidjson/encodings.h>
#include <rapidjson/memorystream.h>

namespace klaude::support::json {

bool parse(std::string_view text, rapidjson::Document& doc) {
    doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
    return !doc.HasParseError();
}

const Value* field(const Value& object, const char* name) {
    if (!object.IsObject()) {
        return nullptr;
    }
    auto it = object.FindMember(name);
    return it == object.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

const Value* object_field(const Value& object, const char* name) {
    const Value* v = field(object, name);
    return v != nullptr && v->IsObject() ? v : nullptr;
}

const Value* array_field(const Value& object, const char* name) {
    const Value* v = field(object, name);
    return v != nullptr && v->IsArray() ? v : nullptr;
}

std::string_view string_field(const Value& object, const char* name) {
    const Value* v = field(object, name);
    if (v == nullptr || !v->IsString()) {
        return {};
    }
    return {v->GetString(), v->GetStringLength()};
}

std::optional<int64_t> int_field(const Value& object, const char* name) {
    const Value* v = field(object, name);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (v->IsInt64()) {
        return v->GetInt64();
    }
    if (v->IsDouble()) {
        const double d = v->GetDouble();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e18) {
            return static_cast<int64_t>(d);
        }
    }
    return std::nullopt;
}

bool bool_field(const Value& object, const char* name, bool fallback) {
    const Value* v = field(object, name);
    return v != nullptr && v->IsBool() ? v->GetBool() : fallback;
}

void write_string(Writer& w, std::string_view text) {
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_member(Writer& w, const char* key, std::string_view text) {
    w.Key(key);
    write_string(w, text);
}

std::string serialize(const Value& value) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    value.Accept(w);
    return std::string(buffer.GetString(), buffer.GetSize());
}

bool valid_utf8(std::string_view text) {
    rapidjson::MemoryStream stream(text.data(), text.size());
    while (stream.Tell() < text.size()) {
        unsigned codepoint = 0;
        if (!rapidjson::UTF8<>::Decode(stream, &codepoint)) {
            return false;
        }
    }
    return true;
}

}  // namespace klaude::support::json
