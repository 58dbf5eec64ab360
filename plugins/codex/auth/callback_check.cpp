#include "plugins/codex/auth/callback_check.h"

#include <Poco/URI.h>

#include "plugins/codex/auth/url_encoding.h"

namespace klaude::codex {
namespace {

std::string get(const std::map<std::string, std::string>& params, const char* name) {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

std::string without_trailing_slash(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

std::string trim(std::string_view text) {
    const size_t begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) {
        return {};
    }
    const size_t end = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(begin, end - begin + 1));
}

}  // namespace

CallbackCheck check_callback(const std::map<std::string, std::string>& params,
                             const std::string& expected_state, const std::string& issuer) {
    CallbackCheck check;
    const std::string error = get(params, "error");
    const std::string state = get(params, "state");
    // An error without any state is still this attempt's failure (some servers drop state on
    // errors); an error with another state belongs to another attempt.
    if (state != expected_state && !(state.empty() && !error.empty())) {
        check.verdict = CallbackCheck::Verdict::kWrongState;
        check.message =
            "This sign-in response belongs to another attempt (state mismatch); it was ignored.";
        return check;
    }
    const std::string iss = get(params, "iss");
    if (!iss.empty() && without_trailing_slash(iss) != without_trailing_slash(issuer)) {
        check.verdict = CallbackCheck::Verdict::kWrongIssuer;
        check.message =
            "The sign-in response came from " + iss + " instead of " + issuer + "; it was refused.";
        return check;
    }
    if (!error.empty()) {
        const std::string description = get(params, "error_description");
        check.verdict = CallbackCheck::Verdict::kProviderError;
        check.message =
            "Sign-in failed: " + (description.empty() ? error : description + " (" + error + ")");
        return check;
    }
    check.code = get(params, "code");
    if (check.code.empty()) {
        check.verdict = CallbackCheck::Verdict::kNoCode;
        check.message = "The sign-in response carries no authorization code.";
        return check;
    }
    check.verdict = CallbackCheck::Verdict::kCode;
    return check;
}

PastedAnswer parse_pasted_answer(std::string_view raw) {
    PastedAnswer answer;
    const std::string text = trim(raw);
    if (text.empty()) {
        return answer;
    }
    std::string query;
    if (text.find("://") != std::string::npos) {
        try {
            query = Poco::URI(text).getRawQuery();
        } catch (const std::exception&) {
            answer.kind = PastedAnswer::Kind::kUnreadable;
            return answer;
        }
    } else if (text.find('=') != std::string::npos) {
        const size_t question = text.find('?');
        query = question == std::string::npos ? text : text.substr(question + 1);
    } else if (text.find_first_of(" \t/?&#") == std::string::npos) {
        answer.kind = PastedAnswer::Kind::kBareCode;
        answer.code = text;
        return answer;
    }
    answer.params = parse_query(query);
    answer.kind =
        answer.params.empty() ? PastedAnswer::Kind::kUnreadable : PastedAnswer::Kind::kRedirect;
    return answer;
}

}  // namespace klaude::codex
