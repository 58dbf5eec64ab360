// Small HTTP and encoding helpers for the peer tests: one request per call over Poco, JSON with
// RapidJSON. Written independently of the plugins' own code, so these tests check the peers, not
// the code under test.
#pragma once

#include <map>
#include <string>

#include <rapidjson/document.h>

namespace klaude::testing {

struct HttpResult {
    int status = 0;
    std::string content_type;
    std::string body;
};

HttpResult http_get(const std::string& url);
// application/x-www-form-urlencoded, as OAuth token endpoints require.
HttpResult post_form(const std::string& url, const std::map<std::string, std::string>& fields);
HttpResult post_json(const std::string& url, const std::string& json,
                     const std::map<std::string, std::string>& headers = {});

// Parses JSON; a parse error becomes a test failure message via the thrown runtime_error.
rapidjson::Document parse_json(const std::string& text);
// The payload (middle segment) of a JWT, decoded. No signature check.
rapidjson::Document jwt_payload(const std::string& jwt);

std::string base64url(const std::string& bytes);
std::string random_bytes(std::size_t n);
std::string sha256(const std::string& data);

// The first value of query parameter `name` in `url`, or "" when absent.
std::string query_param(const std::string& url, const std::string& name);

}  // namespace klaude::testing
