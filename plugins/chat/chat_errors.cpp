#include "plugins/chat/chat_errors.h"

#include <algorithm>
#include <cctype>
#include <random>

#include <rapidjson/document.h>

namespace klaude::chat {
namespace {

std::string lower(std::string s) {
    for (char& c : s) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
}

std::string string_of(const rapidjson::Value& object, const char* name) {
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

bool refuses_model(int status, const ServerError& error) {
    if (status != 400 && status != 404) {
        return false;
    }
    const std::string code = lower(error.code);
    if (code == "model_not_found" || code == "invalid_model") {
        return true;
    }
    const std::string message = lower(error.message);
    if (message.find("model") == std::string::npos) {
        return false;
    }
    for (const char* phrase :
         {"not found", "does not exist", "not a valid model", "invalid model", "unknown model",
          "not supported", "no such model", "not available"}) {
        if (message.find(phrase) != std::string::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace

ServerError parse_error_body(const std::string& body) {
    ServerError out;
    rapidjson::Document doc;
    doc.Parse(body.c_str(), body.size());
    if (!doc.HasParseError() && doc.IsObject()) {
        auto error = doc.FindMember("error");
        if (error != doc.MemberEnd() && error->value.IsObject()) {
            out.message = string_of(error->value, "message");
            out.code = string_of(error->value, "code");
            if (out.code.empty()) {
                out.code = string_of(error->value, "type");
            }
        } else if (error != doc.MemberEnd() && error->value.IsString()) {
            out.message = error->value.GetString();
        }
        if (out.message.empty()) {
            out.message = string_of(doc, "message");
        }
        if (out.message.empty()) {
            out.message = string_of(doc, "detail");
        }
        if (out.code.empty()) {
            out.code = string_of(doc, "code");
        }
        return out;
    }
    // A proxy's or a small server's plain-text answer; not an HTML page.
    if (body.size() <= 400 && body.find('<') == std::string::npos) {
        out.message = body;
    }
    return out;
}

klaude_status_t status_for_http(int status, const std::string& body) {
    if (status == 401 || status == 403) {
        return KLAUDE_ERROR_AUTH;
    }
    if (status == 429) {
        return KLAUDE_ERROR_RATE_LIMITED;
    }
    if (refuses_model(status, parse_error_body(body))) {
        return KLAUDE_ERROR_MODEL_UNAVAILABLE;
    }
    return KLAUDE_ERROR_SERVER;
}

std::string http_error_message(int status, const std::string& body, const ChatConfig& config) {
    const ServerError error = parse_error_body(body);
    std::string text = "HTTP " + std::to_string(status);
    if (!config.id.empty()) {
        text += " from '" + config.id + "'";
    }
    if (!error.message.empty()) {
        text += ": " + error.message;
    } else if (status >= 500) {
        text += ": server error";
    }
    if (status == 401 || status == 403) {
        text += config.api_key_env.empty()
                    ? " (the server wants an API key: name its variable in api_key_env)"
                    : " (check the key in " + config.api_key_env + ")";
    }
    return one_line(text);
}

std::string one_line(std::string_view text, size_t max) {
    std::string out;
    bool space = false;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    if (out.size() > max) {
        size_t cut = max;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        out.resize(cut);
        out += "…";
    }
    return out;
}

const std::string* find_header(const HeaderList& headers, std::string_view name) {
    for (const auto& [n, v] : headers) {
        if (n == name) {
            return &v;
        }
    }
    return nullptr;
}

std::optional<std::chrono::milliseconds> retry_after(const HeaderList& headers) {
    auto number = [](const std::string* value) -> std::optional<double> {
        if (value == nullptr || value->empty()) {
            return std::nullopt;
        }
        char* end = nullptr;
        const double v = std::strtod(value->c_str(), &end);
        if (end == value->c_str() || v < 0) {
            return std::nullopt;
        }
        return v;
    };
    if (auto ms = number(find_header(headers, "retry-after-ms"))) {
        return std::chrono::milliseconds(static_cast<int64_t>(*ms));
    }
    if (auto s = number(find_header(headers, "retry-after"))) {
        return std::chrono::milliseconds(static_cast<int64_t>(*s * 1000));
    }
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> backoff(const ChatConfig& config, int failed_attempt) {
    if (failed_attempt >= config.max_attempts) {
        return std::nullopt;
    }
    thread_local std::mt19937 random{std::random_device{}()};
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    const double base = static_cast<double>(config.retry_base.count()) *
                        static_cast<double>(1 << std::min(failed_attempt - 1, 10));
    return std::chrono::milliseconds(static_cast<int64_t>(base * jitter(random)));
}

}  // namespace klaude::chat
