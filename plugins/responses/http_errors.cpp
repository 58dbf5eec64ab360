#include "plugins/responses/http_errors.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/NumberParser.h>
#include <Poco/Timestamp.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::responses {
namespace {

bool starts_with(const std::string& s, std::string_view prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

// "try again in 20 s" / "the limit resets in 6m0s" / "".
std::string reset_hint(const HeaderList& headers) {
    if (auto wait = retry_after(headers)) {
        return "try again in " + std::to_string((wait->count() + 999) / 1000) + " s";
    }
    if (const std::string* at = find_header(headers, "x-codex-primary-reset-at")) {
        int64_t epoch = 0;
        if (Poco::NumberParser::tryParse64(*at, epoch) && epoch > 0) {
            return "the limit resets at " +
                   Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(epoch),
                                                   "%Y-%m-%d %H:%M UTC");
        }
    }
    for (const char* name : {"x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"}) {
        if (const std::string* reset = find_header(headers, name)) {
            return "the limit resets in " + *reset;
        }
    }
    return {};
}

}  // namespace

std::string default_http_error_message(int http_status, const std::string& body,
                                       const HeaderList& headers, const std::string& api_key_env) {
    const ServerError error = parse_error_body(body);
    const std::string status = "HTTP " + std::to_string(http_status);
    const std::string server =
        error.message.empty() ? std::string() : ": " + one_line(error.message);
    if (http_status == 401 || http_status == 403) {
        std::string what = http_status == 401 ? "authentication failed" : "access denied";
        std::string fix = api_key_env.empty() ? "; check your credentials (log in again)"
                                              : "; check the API key in " + api_key_env;
        return what + " (" + status + ")" + server + fix;
    }
    if (http_status == 429) {
        std::string hint = reset_hint(headers);
        std::string quota;
        if (error.code == "insufficient_quota" || error.code == "usage_limit_reached") {
            quota = " [" + error.code + "]";
        }
        return "rate limited (" + status + ")" + quota + server + (hint.empty() ? "" : "; " + hint);
    }
    if (http_status >= 500) {
        return "server error (" + status + ")" + server + "; try again later";
    }
    if (http_status >= 300 && http_status < 400) {
        // Not followed: the POST and its credentials would go wherever the server says.
        const std::string* location = find_header(headers, "location");
        return "the server redirected the request (" + status + ")" +
               (location != nullptr ? " to " + one_line(*location, 200) : std::string()) +
               "; klaude does not follow redirects: set base_url to the new address";
    }
    if (http_status == 404) {
        return "not found (" + status + ")" + server + "; check the model name and base_url";
    }
    return "request rejected (" + status + ")" + server;
}

std::string rate_limit_json(const HeaderList& headers) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    bool any = false;
    w.StartObject();
    w.Key("headers");
    w.StartObject();
    for (const auto& [name, value] : headers) {
        if (starts_with(name, "x-ratelimit-") || starts_with(name, "x-codex-")) {
            w.Key(name.c_str(), static_cast<rapidjson::SizeType>(name.size()));
            w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
            any = true;
        }
    }
    w.EndObject();
    if (!any) {
        return {};
    }
    for (const auto& [header, key] :
         {std::pair{"x-codex-primary-used-percent", "primary_used_percent"},
          std::pair{"x-codex-secondary-used-percent", "secondary_used_percent"}}) {
        double value = 0;
        if (const std::string* v = find_header(headers, header);
            v != nullptr && Poco::NumberParser::tryParseFloat(*v, value)) {
            w.Key(key);
            w.Double(value);
        }
    }
    int64_t resets_at = 0;
    if (const std::string* v = find_header(headers, "x-codex-primary-reset-at");
        v != nullptr && Poco::NumberParser::tryParse64(*v, resets_at)) {
        w.Key("resets_at");
        w.Int64(resets_at);
    } else if (const std::string* after =
                   find_header(headers, "x-codex-primary-reset-after-seconds");
               after != nullptr && Poco::NumberParser::tryParse64(*after, resets_at)) {
        w.Key("resets_at");
        w.Int64(Poco::Timestamp().epochTime() + resets_at);
    }
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace klaude::responses
