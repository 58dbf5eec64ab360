#include "plugins/codex/codex_settings.h"

#include <rapidjson/document.h>

#include <cstdlib>

#include "klaude/sdk/error.hpp"
#include "plugins/codex/auth/json_fields.h"
#include "plugins/codex/auth/oauth_constants.h"

namespace klaude::codex {
namespace {

std::string option_string(const rapidjson::Value& options, const char* name) {
    if (!options.IsObject() || !options.HasMember(name)) {
        return {};
    }
    const rapidjson::Value& value = options[name];
    if (!value.IsString()) {
        throw sdk::Error(
            KLAUDE_ERROR_INVALID_ARGUMENT,
            std::string("codex provider config: options.") + name + " must be a string");
    }
    return value.GetString();
}

std::string without_trailing_slash(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

}  // namespace

CodexSettings CodexSettings::from_json(std::string_view config_json, std::string klaude_home) {
    rapidjson::Document doc;
    doc.Parse(config_json.data(), config_json.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT,
                         "codex provider config: expected a JSON object");
    }
    static const rapidjson::Value kEmpty(rapidjson::kObjectType);
    const rapidjson::Value* options = json_object(doc, "options");
    if (doc.HasMember("options") && options == nullptr) {
        throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT,
                         "codex provider config: options must be an object");
    }
    const rapidjson::Value& opts = options != nullptr ? *options : kEmpty;

    CodexSettings settings;
    settings.issuer = option_string(opts, "issuer");
    if (const char* env = std::getenv(kIssuerEnv); env != nullptr && *env != '\0') {
        settings.issuer = env;
    }
    if (settings.issuer.empty()) {
        settings.issuer = kDefaultIssuer;
    }
    settings.issuer = without_trailing_slash(settings.issuer);
    settings.client_id = option_string(opts, "client_id");
    if (settings.client_id.empty()) {
        settings.client_id = kClientId;
    }
    settings.ca_file = option_string(opts, "ca_file");
    settings.home = std::move(klaude_home);
    settings.client_version = option_string(opts, "client_version");
    if (const char* env = std::getenv(kClientVersionEnv); env != nullptr && *env != '\0') {
        settings.client_version = env;
    }
    if (settings.client_version.empty()) {
        settings.client_version = kDefaultClientVersion;
    }
    settings.originator = option_string(opts, "originator");
    if (settings.originator.empty()) {
        settings.originator = kDefaultOriginator;
    }
    settings.user_agent = option_string(opts, "user_agent");
    const std::string refresh = option_string(opts, "refresh_request");
    if (!refresh.empty() && refresh != "json" && refresh != "form") {
        throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT,
                         "codex provider config: options.refresh_request must be \"json\" or "
                         "\"form\", not \"" + refresh + "\"");
    }
    settings.refresh_as_json = refresh != "form";
    return settings;
}

}  // namespace klaude::codex
