#include "plugins/codex/auth/codex_cli_store.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>
#include <rapidjson/document.h>

#include <cstdlib>

#include "plugins/codex/auth/json_fields.h"
#include "plugins/codex/auth/jwt.h"
#include "plugins/codex/auth/private_file.h"

namespace klaude::codex {
namespace {

std::string codex_cli_problem(const std::string& path, const std::string& problem) {
    return problem + " (" + path +
           "). Sign in with 'codex login', or use klaude's own login: 'klaude auth login codex'.";
}

int64_t parse_rfc3339(const std::string& text) {
    Poco::DateTime parsed;
    int tz = 0;
    if (text.empty() || !Poco::DateTimeParser::tryParse(text, parsed, tz)) {
        return 0;
    }
    return parsed.timestamp().epochTime() - tz;
}

std::string format_rfc3339(int64_t epoch) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(epoch),
                                           Poco::DateTimeFormat::ISO8601_FRAC_FORMAT);
}

void set_string(rapidjson::Value& object, const char* name, const std::string& value,
                rapidjson::Document::AllocatorType& alloc) {
    rapidjson::Value v(value, alloc);
    auto it = object.FindMember(name);
    if (it != object.MemberEnd()) {
        it->value = v;
    } else {
        object.AddMember(rapidjson::Value(name, alloc), v, alloc);
    }
}

}  // namespace

std::string default_codex_cli_auth_file() {
    const char* codex_home = std::getenv("CODEX_HOME");
    if (codex_home != nullptr && *codex_home != '\0') {
        return std::string(codex_home) + "/auth.json";
    }
    const char* home = std::getenv("HOME");
    return std::string(home != nullptr ? home : "") + "/.codex/auth.json";
}

std::optional<TokenSet> CodexCliTokenFile::load() const {
    const std::optional<std::string> text = read_file_if_exists(path_);
    if (!text) {
        throw TokenFileError(codex_cli_problem(path_, "The Codex CLI's login file is missing"));
    }
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(text->data(), text->size());
    if (doc.HasParseError() || !doc.IsObject()) {
        throw TokenFileError(
            codex_cli_problem(path_, "The Codex CLI's login file is not valid JSON"));
    }
    const rapidjson::Value* tokens_json = json_object(doc, "tokens");
    if (tokens_json == nullptr) {
        throw TokenFileError(codex_cli_problem(
            path_, "The Codex CLI is not signed in with ChatGPT (no tokens in its login file)"));
    }
    TokenSet tokens;
    tokens.access_token = json_string(*tokens_json, "access_token");
    tokens.refresh_token = json_string(*tokens_json, "refresh_token");
    tokens.id_token = json_string(*tokens_json, "id_token");
    tokens.account_id = json_string(*tokens_json, "account_id");
    tokens.last_refresh = parse_rfc3339(json_string(doc, "last_refresh"));
    if (tokens.access_token.empty() || tokens.refresh_token.empty()) {
        throw TokenFileError(codex_cli_problem(
            path_, "The Codex CLI's login file lacks the access or refresh token"));
    }
    // The Codex CLI stores no expiry: the access token's exp is the only source.
    try {
        const TokenIdentity identity = identity_from_tokens(tokens.access_token, tokens.id_token);
        if (tokens.account_id.empty()) {
            tokens.account_id = identity.account_id;
        }
        tokens.plan = identity.plan;
        tokens.email = identity.email;
        tokens.expires_at = identity.access_exp.value_or(0);
    } catch (const JwtError&) {
        if (tokens.account_id.empty()) {
            throw TokenFileError(
                codex_cli_problem(path_, "The Codex CLI's login file names no ChatGPT account"));
        }
    }
    return tokens;
}

void CodexCliTokenFile::save(const TokenSet& tokens) {
    // Keep everything the Codex CLI wrote that klaude does not know about.
    rapidjson::Document doc;
    if (const std::optional<std::string> text = read_file_if_exists(path_)) {
        doc.Parse<rapidjson::kParseIterativeFlag>(text->data(), text->size());
    }
    if (doc.HasParseError() || !doc.IsObject()) {
        doc.SetObject();
    }
    auto& alloc = doc.GetAllocator();
    if (json_object(doc, "tokens") == nullptr) {
        doc.RemoveMember("tokens");
        doc.AddMember("tokens", rapidjson::Value(rapidjson::kObjectType), alloc);
    }
    rapidjson::Value& tokens_json = doc["tokens"];
    set_string(tokens_json, "id_token", tokens.id_token, alloc);
    set_string(tokens_json, "access_token", tokens.access_token, alloc);
    set_string(tokens_json, "refresh_token", tokens.refresh_token, alloc);
    set_string(tokens_json, "account_id", tokens.account_id, alloc);
    set_string(doc, "last_refresh", format_rfc3339(tokens.last_refresh), alloc);
    write_private_file(path_, json_serialize(doc, true) + "\n");
}

}  // namespace klaude::codex
