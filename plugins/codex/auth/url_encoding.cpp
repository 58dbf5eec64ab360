#include "plugins/codex/auth/url_encoding.h"

#include <Poco/URI.h>

namespace klaude::codex {
namespace {

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// One name or value of a query. Forms encode spaces as '+' (Poco's decode does this only after
// a '?' in its input). A '%' that starts no escape stands for itself, as the WHATWG URL
// standard reads it, where Poco would throw: a pasted or forged query must not end the login.
std::string decode_component(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            escaped += ' ';
        } else if (c == '%' &&
                   !(i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2]))) {
            escaped += "%25";
        } else {
            escaped += c;
        }
    }
    std::string decoded;
    Poco::URI::decode(escaped, decoded);
    return decoded;
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
            params[decode_component(pair.substr(0, eq))] =
                eq == std::string_view::npos ? std::string()
                                             : decode_component(pair.substr(eq + 1));
        }
        start = end + 1;
    }
    return params;
}

}  // namespace klaude::codex
