#include "plugins/codex/auth/token_store.h"

#include <rapidjson/document.h>

#include "plugins/codex/auth/json_fields.h"
#include "plugins/codex/auth/oauth_constants.h"
#include "plugins/codex/auth/private_file.h"

namespace klaude::codex {
namespace {

constexpr const char* kModeTokens = "chatgpt";
constexpr const char* kModeCodexCli = "codex-cli";

// The parsed file and its auth_mode; throws TokenFileError when it is not ours.
rapidjson::Document parse_ours(const std::string& path, const std::string& text,
                               std::string* mode) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        throw TokenFileError(unusable_file_message(path, "The sign-in file is not valid JSON"));
    }
    *mode = json_string(doc, "auth_mode");
    if (*mode != kModeTokens && *mode != kModeCodexCli) {
        throw TokenFileError(
            unusable_file_message(path, "The sign-in file was not written by klaude"));
    }
    return doc;
}

void add_string(rapidjson::Document& doc, const char* name, const std::string& value) {
    doc.AddMember(rapidjson::StringRef(name), rapidjson::Value(value, doc.GetAllocator()),
                  doc.GetAllocator());
}

}  // namespace

std::string unusable_file_message(const std::string& path, const std::string& problem) {
    return problem + " (" + path + "). Run '" + kLoginCommand + "' to sign in again.";
}

KlaudeTokenFile::KlaudeTokenFile(std::string klaude_home)
    : home_(std::move(klaude_home)), path_(home_ + "/" + kFileName) {}

std::optional<TokenSet> KlaudeTokenFile::load() const {
    const std::optional<std::string> text = read_file_if_exists(path_);
    if (!text) {
        return std::nullopt;
    }
    std::string mode;
    const rapidjson::Document doc = parse_ours(path_, *text, &mode);
    if (mode != kModeTokens) {
        throw TokenFileError(unusable_file_message(
            path_, "The sign-in file points at the Codex CLI's login, not at tokens"));
    }
    TokenSet tokens;
    tokens.access_token = json_string(doc, "access_token");
    tokens.refresh_token = json_string(doc, "refresh_token");
    tokens.id_token = json_string(doc, "id_token");
    tokens.expires_at = json_int(doc, "expires_at").value_or(0);
    tokens.account_id = json_string(doc, "account_id");
    tokens.plan = json_string(doc, "plan");
    tokens.email = json_string(doc, "email");
    tokens.last_refresh = json_int(doc, "last_refresh").value_or(0);
    if (tokens.access_token.empty() || tokens.refresh_token.empty() || tokens.account_id.empty()) {
        throw TokenFileError(unusable_file_message(
            path_, "The sign-in file lacks the access token, refresh token or account id"));
    }
    return tokens;
}

void KlaudeTokenFile::save(const TokenSet& tokens) {
    rapidjson::Document doc(rapidjson::kObjectType);
    auto& alloc = doc.GetAllocator();
    add_string(doc, "auth_mode", kModeTokens);
    add_string(doc, "access_token", tokens.access_token);
    add_string(doc, "refresh_token", tokens.refresh_token);
    add_string(doc, "id_token", tokens.id_token);
    doc.AddMember("expires_at", rapidjson::Value(static_cast<int64_t>(tokens.expires_at)), alloc);
    add_string(doc, "account_id", tokens.account_id);
    add_string(doc, "plan", tokens.plan);
    add_string(doc, "email", tokens.email);
    doc.AddMember("last_refresh", rapidjson::Value(static_cast<int64_t>(tokens.last_refresh)),
                  alloc);
    ensure_private_directory(home_);
    write_private_file(path_, json_serialize(doc, true) + "\n");
}

std::optional<std::string> KlaudeTokenFile::codex_cli_pointer() const {
    const std::optional<std::string> text = read_file_if_exists(path_);
    if (!text) {
        return std::nullopt;
    }
    std::string mode;
    const rapidjson::Document doc = parse_ours(path_, *text, &mode);
    if (mode != kModeCodexCli) {
        return std::nullopt;
    }
    std::string target = json_string(doc, "codex_auth_file");
    if (target.empty()) {
        throw TokenFileError(
            unusable_file_message(path_, "The sign-in file names no Codex CLI auth.json"));
    }
    return target;
}

void KlaudeTokenFile::save_codex_cli_pointer(const std::string& codex_auth_file) {
    rapidjson::Document doc(rapidjson::kObjectType);
    add_string(doc, "auth_mode", kModeCodexCli);
    add_string(doc, "codex_auth_file", codex_auth_file);
    ensure_private_directory(home_);
    write_private_file(path_, json_serialize(doc, true) + "\n");
}

bool KlaudeTokenFile::remove() {
    return remove_file(path_);
}

}  // namespace klaude::codex
