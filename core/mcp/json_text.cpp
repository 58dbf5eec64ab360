#include "core/mcp/json_text.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::core::mcp {

std::string to_text(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string string_member(const rapidjson::Value& value, const char* name) {
    if (!value.IsObject()) {
        return {};
    }
    const auto it = value.FindMember(name);
    return it != value.MemberEnd() && it->value.IsString()
               ? std::string(it->value.GetString(), it->value.GetStringLength())
               : std::string();
}

}  // namespace klaude::core::mcp
