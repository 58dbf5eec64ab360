#include "plugins/chat/chat_config.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::chat {

using support::config::bad;
using support::config::bool_option;
using support::config::one_of;
using support::config::string_field;

std::string ChatConfig::missing_base_url() const {
    return "provider " + (id.empty() ? std::string("chat") : "'" + id + "'") +
           " has no base_url: set it in config.json, e.g. \"base_url\": "
           "\"http://localhost:11434/v1\"";
}

ChatConfig ChatConfig::from_json(std::string_view config_json) {
    rapidjson::Document doc;
    support::config::parse_provider(config_json, doc);
    ChatConfig config;
    config.id = string_field(doc, "id", "");
    config.base_url_env = string_field(doc, "base_url_env", "");
    // An empty base_url is accepted here (the host's implicit `chat` provider has none): the
    // client's calls refuse it (missing_base_url()).
    config.base_url = support::config::base_url(doc, "", config.base_url_env);
    config.api_key_env = string_field(doc, "api_key_env", "");

    config.headers = support::config::headers(doc);

    auto it = doc.FindMember("options");
    if (it == doc.MemberEnd() || it->value.IsNull()) {
        return config;
    }
    const rapidjson::Value& options = it->value;
    if (!options.IsObject()) {
        bad("options must be an object");
    }
    config.stream_usage = bool_option(options, "stream_usage", config.stream_usage);
    config.instructions_role =
        one_of(options, "instructions_role", config.instructions_role, {"system", "developer"});
    config.max_tokens_field = one_of(options, "max_tokens_field", config.max_tokens_field,
                                     {"max_tokens", "max_completion_tokens"});
    if (auto extra = options.FindMember("extra_body");
        extra != options.MemberEnd() && !extra->value.IsNull()) {
        if (!extra->value.IsObject()) {
            bad("options.extra_body must be an object");
        }
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        extra->value.Accept(writer);
        config.extra_body.assign(buffer.GetString(), buffer.GetSize());
    }
    config.transport = support::config::transport(options, config.transport);
    return config;
}

}  // namespace klaude::chat
