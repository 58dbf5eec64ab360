#include "plugins/codex/auth/url_encoding.h"

#include <Poco/URI.h>

namespace klaude::codex {
namespace {

// Forms encode spaces as '+'. (Poco's decode does this only after a '?' in its input.)
std::string plus_as_space(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '+') {
            c = ' ';
        }
    }
    return out;
}

}  // namespace

std::string percent_encode(std::string_view text) {
    // Everything Poco would leave alone in a query but RFC 3986 reserves.
    static const std::string kReserved = "!#$&'()*+,/:;=?@[]";
    std::string out;
    Poco::URI::encode(std::string(text), kReserved, out);
    return out;
}

std::string encode_form(const FormFields& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty()) {
            body += '&';
        }
        body += percent_encode(name);
        body += '=';
        body += percent_encode(value);
    }
    return body;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> params;
    size_t start = 0;
    while (start <= query.size()) {
        size_t end = query.find('&', start);
        if (end == std::string_view::npos) {
            end = query.size();
        }
        const std::string_view pair = query.substr(start, end - start);
        if (!pair.empty()) {
            const size_t eq = pair.find('=');
            std::string name, value;
            Poco::URI::decode(plus_as_space(pair.substr(0, eq)), name);
            if (eq != std::string_view::npos) {
                Poco::URI::decode(plus_as_space(pair.substr(eq + 1)), value);
            }
            params[name] = value;
        }
        start = end + 1;
    }
    return params;
}

}  // namespace klaude::codex
