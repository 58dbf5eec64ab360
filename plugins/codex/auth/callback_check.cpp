#include "plugins/codex/auth/callback_check.h"

#include <Poco/TextIterator.h>
#include <Poco/URI.h>
#include <Poco/UTF8Encoding.h>

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

// Text from the redirect (error_description, iss) as the terminal may show it: one line of at
// most `max` bytes, every control character (C0, DEL, C1: ESC sequences, newlines) and every
// byte that is not UTF-8 turned into a space. Any web page can send the browser to the
// callback with an error, so this text is the attacker's.
std::string printable(const std::string& text, size_t max = 300) {
    Poco::UTF8Encoding utf8;
    Poco::TextIterator it(text, utf8);
    const Poco::TextIterator end(text);
    std::string out;
    bool space = false;
    for (; it != end; ++it) {
        const int c = *it;
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == ' ') {  // -1: not UTF-8
            space = !out.empty();
            continue;
        }
        unsigned char bytes[4];
        const int n = utf8.convert(c, bytes, sizeof bytes);
        if (out.size() + 1 + static_cast<size_t>(n) > max) {
            out += "\u2026";
            break;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out.append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
    }
    return out;
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
        check.message = "The sign-in response came from " + printable(iss) + " instead of " +
                        issuer + "; it was refused.";
        return check;
    }
    if (!error.empty()) {
        const std::string description = printable(get(params, "error_description"));
        const std::string code = printable(error, 100);
        check.verdict = CallbackCheck::Verdict::kProviderError;
        check.message =
            "Sign-in failed: " + (description.empty() ? code : description + " (" + code + ")");
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
