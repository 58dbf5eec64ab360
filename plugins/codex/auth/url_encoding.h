// Percent-encoding for query strings and form bodies (application/x-www-form-urlencoded),
// and the reverse for callback queries and pasted redirect URLs. Poco::URI does the coding.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace klaude::codex {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Encodes everything but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string percent_encode(std::string_view text);

// name=value&name=value, both sides percent-encoded, in the given order.
std::string encode_form(const FormFields& fields);

// Parses a query string ("a=1&b=x%20y", '+' read as space). Later duplicates win. Never throws:
// a '%' not followed by two hex digits is kept as is.
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace klaude::codex
