#include "core/agent/tools/tool_params.h"

#include <cmath>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::core::agent {
namespace {

const char* type_name(ParamType type) {
    switch (type) {
        case ParamType::kString:
            return "string";
        case ParamType::kInteger:
            return "integer";
        case ParamType::kBoolean:
            return "boolean";
    }
    return "string";
}

std::string names_of(const std::vector<ParamSpec>& params) {
    std::string out;
    for (const auto& p : params) {
        out += out.empty() ? "" : ", ";
        out += p.name;
    }
    return out.empty() ? "none" : out;
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::string make_parameters_schema(const std::vector<ParamSpec>& params) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("type");
    w.String("object");
    w.Key("properties");
    w.StartObject();
    for (const auto& p : params) {
        w.Key(p.name.c_str());
        w.StartObject();
        w.Key("type");
        if (p.required) {
            w.String(type_name(p.type));
        } else {
            w.StartArray();
            w.String(type_name(p.type));
            w.String("null");
            w.EndArray();
        }
        w.Key("description");
        w.String(p.description.c_str());
        w.EndObject();
    }
    w.EndObject();
    w.Key("required");
    w.StartArray();
    for (const auto& p : params) {
        w.String(p.name.c_str());
    }
    w.EndArray();
    w.Key("additionalProperties");
    w.Bool(false);
    w.EndObject();
    return buffer.GetString();
}

std::optional<ToolArgs> ToolArgs::parse(std::string_view json, const std::vector<ParamSpec>& params,
                                        std::string* error) {
    auto fail = [&](std::string message) -> std::optional<ToolArgs> {
        if (error != nullptr) {
            *error = std::move(message);
        }
        return std::nullopt;
    };
    // Models sometimes send "" for a call without arguments; that means {}.
    std::string text = is_blank(json) ? std::string("{}") : std::string(json);
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(text.c_str(), text.size());
    if (doc.HasParseError()) {
        return fail(std::string("arguments are not valid JSON (") +
                    rapidjson::GetParseError_En(doc.GetParseError()) + " at offset " +
                    std::to_string(doc.GetErrorOffset()) + "); send one JSON object");
    }
    if (!doc.IsObject()) {
        return fail("arguments must be a JSON object with: " + names_of(params));
    }
    ToolArgs args;
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
        std::string name(it->name.GetString(), it->name.GetStringLength());
        const ParamSpec* spec = nullptr;
        for (const auto& p : params) {
            if (p.name == name) {
                spec = &p;
            }
        }
        if (spec == nullptr) {
            return fail("unknown argument '" + name + "'; expected: " + names_of(params));
        }
        const rapidjson::Value& v = it->value;
        if (v.IsNull()) {
            continue;  // null = not given; a required one is reported below
        }
        switch (spec->type) {
            case ParamType::kString:
                if (!v.IsString()) {
                    return fail("argument '" + name + "' must be a string");
                }
                args.values_[name] = std::string(v.GetString(), v.GetStringLength());
                break;
            case ParamType::kInteger:
                if (v.IsInt64()) {
                    args.values_[name] = static_cast<std::int64_t>(v.GetInt64());
                } else if (v.IsDouble() && std::trunc(v.GetDouble()) == v.GetDouble() &&
                           std::fabs(v.GetDouble()) < 9.0e15) {
                    // 10.0 is an integer to a model; accept it.
                    args.values_[name] = static_cast<std::int64_t>(v.GetDouble());
                } else {
                    return fail("argument '" + name + "' must be an integer");
                }
                break;
            case ParamType::kBoolean:
                if (!v.IsBool()) {
                    return fail("argument '" + name + "' must be true or false");
                }
                args.values_[name] = v.GetBool();
                break;
        }
    }
    for (const auto& p : params) {
        if (p.required && !args.has(p.name)) {
            return fail("missing required argument '" + p.name + "' (" + type_name(p.type) + ")");
        }
    }
    return args;
}

std::optional<std::string> ToolArgs::string(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end() || !std::holds_alternative<std::string>(it->second)) {
        return std::nullopt;
    }
    return std::get<std::string>(it->second);
}

std::optional<std::int64_t> ToolArgs::integer(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end() || !std::holds_alternative<std::int64_t>(it->second)) {
        return std::nullopt;
    }
    return std::get<std::int64_t>(it->second);
}

std::optional<bool> ToolArgs::boolean(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end() || !std::holds_alternative<bool>(it->second)) {
        return std::nullopt;
    }
    return std::get<bool>(it->second);
}

std::string ToolArgs::string_or(const std::string& name, std::string fallback) const {
    auto value = string(name);
    return value ? *value : std::move(fallback);
}

}  // namespace klaude::core::agent
