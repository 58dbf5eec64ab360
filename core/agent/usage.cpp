#include "core/agent/usage.h"

#include <rapidjson/document.h>

namespace klaude::core {

Usage& Usage::operator+=(const Usage& other) {
    input_tokens += other.input_tokens;
    cached_input_tokens += other.cached_input_tokens;
    output_tokens += other.output_tokens;
    reasoning_tokens += other.reasoning_tokens;
    total_tokens += other.total_tokens;
    return *this;
}

Usage Usage::from_json(std::string_view json) {
    Usage usage;
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        return usage;
    }
    auto field = [&doc](const char* key) -> uint64_t {
        auto it = doc.FindMember(key);
        return it != doc.MemberEnd() && it->value.IsUint64() ? it->value.GetUint64() : 0;
    };
    usage.input_tokens = field("input_tokens");
    usage.cached_input_tokens = field("cached_input_tokens");
    usage.output_tokens = field("output_tokens");
    usage.reasoning_tokens = field("reasoning_tokens");
    usage.total_tokens = field("total_tokens");
    return usage;
}

}  // namespace klaude::core
