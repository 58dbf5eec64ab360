#include "klaude/support/http_errors.h"

#include <algorithm>
#include <cctype>

#include <rapidjson/document.h>

namespace klaude::support {
namespace {

// A string member as text; numbers too (some servers send numeric codes).
std::string text_at(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return {};
    }
    auto it = object.FindMember(name);
    if (it == object.MemberEnd()) {
        return {};
    }
    if (it->value.IsString()) {
        return std::string(it->value.GetString(), it->value.GetStringLength());
    }
    if (it->value.IsInt64()) {
        return std::to_string(it->value.GetInt64());
    }
    return {};
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// {"message","code","type"} of an error object.
void read_error_object(const rapidjson::Value& error, ServerError& out) {
    out.message = text_at(error, "message");
    out.type = text_at(error, "type");
    out.code = text_at(error, "code");
    if (out.code.empty()) {
        out.code = out.type;
    }
}

}  // namespace

std::string one_line(std::string_view text, size_t max) {
    std::string out;
    out.reserve(std::min(text.size(), max));
    bool space = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // Control characters count as spaces: a server's text must not drive the terminal
        // (ESC sequences, or C1 controls such as U+009B CSI) or break the line.
        const auto u = static_cast<unsigned char>(c);
        const bool c1 = u == 0xC2 && i + 1 < text.size() &&
                        (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0x80;
        if (std::isspace(u) || u < 0x20 || u == 0x7F || c1) {
            i += c1 ? 1 : 0;
            space = !out.empty();
            continue;
        }
        if (space) {
            out.push_back(' ');
            space = false;
        }
        out.push_back(c);
    }
    if (out.size() > max) {
        size_t n = max;
        while (n > 0 && (static_cast<unsigned char>(out[n]) & 0xC0) == 0x80) {
            --n;  // do not cut a UTF-8 sequence
        }
        out.resize(n);
        out += "…";
    }
    return out;
}

ServerError parse_error_body(std::string_view body) {
    ServerError out;
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
    if (!doc.HasParseError() && !doc.IsObject()) {
        return out;  // JSON, but no error object in it
    }
    if (!doc.HasParseError()) {
        if (auto it = doc.FindMember("error"); it != doc.MemberEnd()) {
            if (it->value.IsString()) {
                out.message = std::string(it->value.GetString(), it->value.GetStringLength());
            } else {
                read_error_object(it->value, out);
            }
        }
        if (auto it = doc.FindMember("detail"); out.message.empty() && it != doc.MemberEnd()) {
            if (it->value.IsString()) {
                out.message = std::string(it->value.GetString(), it->value.GetStringLength());
            } else {
                read_error_object(it->value, out);
            }
        }
        if (out.message.empty()) {
            out.message = text_at(doc, "message");
        }
        if (out.code.empty()) {
            out.code = text_at(doc, "code");
        }
        return out;
    }
    // Plain text from a proxy or gateway: only worth showing when short and not HTML.
    std::string text = one_line(body, 200);
    if (!text.empty() && text.front() != '<') {
        out.message = std::move(text);
    }
    return out;
}

bool is_model_refusal(int http_status, std::string_view body) {
    if (http_status != 400 && http_status != 404) {
        return false;
    }
    const ServerError error = parse_error_body(body);
    const std::string code = lower(error.code);
    if (code == "model_not_found" || code == "unsupported_model" || code == "invalid_model") {
        return true;
    }
    // Anthropic: 404 {"type":"error","error":{"type":"not_found_error","message":"model: <id>"}}
    if (error.type == "not_found_error" && error.message.rfind("model:", 0) == 0) {
        return true;
    }
    const std::string text = lower(error.message);
    if (text.find("model") == std::string::npos) {
        return false;
    }
    for (const char* phrase :
         {"not supported", "not found", "does not exist", "newer version", "not available",
          "no longer available", "deprecated", "not a valid model", "invalid model",
          "unknown model", "no such model"}) {
        if (text.find(phrase) != std::string::npos) {
            return true;
        }
    }
    return false;
}

klaude_status_t status_for_http(int http_status, std::string_view body) {
    if (http_status == 401 || http_status == 403) {
        return KLAUDE_ERROR_AUTH;
    }
    if (http_status == 429) {
        return KLAUDE_ERROR_RATE_LIMITED;
    }
    if (is_model_refusal(http_status, body)) {
        return KLAUDE_ERROR_MODEL_UNAVAILABLE;
    }
    return KLAUDE_ERROR_SERVER;
}

std::string http_error_line(int http_status, std::string_view body, std::string_view who) {
    const ServerError error = parse_error_body(body);
    std::string text = "HTTP " + std::to_string(http_status);
    if (!who.empty()) {
        text += " from '" + std::string(who) + "'";
    }
    if (!error.message.empty()) {
        text += ": " + error.message;
    } else if (http_status >= 500) {
        text += ": server error";
    }
    return one_line(text);
}

}  // namespace klaude::support
