#include "core/log/redact.h"

#include <regex>

namespace klaude::core {

namespace {

struct Rule {
    std::regex pattern;
    const char* replacement;
};

const std::vector<Rule>& rules() {
    static const std::vector<Rule> kRules = [] {
        const auto flags = std::regex::ECMAScript | std::regex::icase | std::regex::optimize;
        return std::vector<Rule>{
            // Authorization: Bearer <token>, Basic <creds>
            {std::regex(R"re(\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+)re", flags), "$1 [redacted]"},
            // JSON "access_token": "...", "api_key": "...", "password": "..."
            {std::regex(
                 R"re(("(?:[a-z_]*token|api[_-]?key|secret|password|code_verifier|code)"\s*:\s*")[^"]*")re",
                 flags),
             "$1[redacted]\""},
            // form/query token=...&
            {std::regex(
                 R"re(\b((?:[a-z_]*token|api[_-]?key|secret|password|code_verifier|code)=)[^&\s"]+)re",
                 flags),
             "$1[redacted]"},
            // Cookie / Set-Cookie header values
            {std::regex(R"re(\b((?:set-)?cookie:\s*)[^\r\n]+)re", flags), "$1[redacted]"},
            // OpenAI-style keys and bare JWTs
            {std::regex(R"re(\bsk-[A-Za-z0-9_-]{8,})re", flags), "[redacted-key]"},
            {std::regex(R"re(\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)re", flags),
             "[redacted-jwt]"},
        };
    }();
    return kRules;
}

}  // namespace

std::string redact_secrets(std::string_view text) {
    std::string out(text);
    for (const Rule& rule : rules()) {
        out = std::regex_replace(out, rule.pattern, rule.replacement);
    }
    return out;
}

std::string mask_account_id(std::string_view id) {
    if (id.empty()) {
        return {};
    }
    constexpr size_t kShown = 8;
    return std::string(id.substr(0, kShown)) + "\u2026";
}

}  // namespace klaude::core
