// What an authorization response (RFC 6749 §4.1.2) means for the waiting login, whether it
// arrived at the callback server or was pasted by the user. One set of rules for both.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace klaude::codex {

struct CallbackCheck {
    enum class Verdict {
        kCode,           // `code` is ours to exchange
        kWrongState,     // not this attempt's state (a stale tab, or forged): ignore, keep waiting
        kProviderError,  // error=… from the sign-in server: the login fails with `message`
        kWrongIssuer,    // iss (RFC 9207) names another issuer: the login fails
        kNoCode          // neither code nor error: the login fails
    };
    Verdict verdict = Verdict::kNoCode;
    std::string code;
    // For the user: plain text on one line, free of control characters (the provider's words
    // are the redirect's, i.e. anyone's); HTML-escape it before putting it in a page.
    std::string message;
};

// `params`: the decoded query of the redirect. A missing state counts as a wrong one.
CallbackCheck check_callback(const std::map<std::string, std::string>& params,
                             const std::string& expected_state, const std::string& issuer);

// What the user pasted at the prompt: the whole redirect URL (or its query), or a bare code.
struct PastedAnswer {
    enum class Kind { kEmpty, kRedirect, kBareCode, kUnreadable };
    Kind kind = Kind::kEmpty;
    std::map<std::string, std::string> params;  // for kRedirect
    std::string code;                           // for kBareCode
};
PastedAnswer parse_pasted_answer(std::string_view text);

}  // namespace klaude::codex
