#include "core/mcp/json_rpc.h"

#include "core/mcp/json_text.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

namespace klaude::core::mcp {

namespace {

// `json` compacted onto one line; "" stays "".
std::string compact(std::string_view json) {
    if (json.empty()) {
        return {};
    }
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError()) {
        throw std::invalid_argument(std::string("invalid JSON: ") +
                                    rapidjson::GetParseError_En(doc.GetParseError()));
    }
    return to_text(doc);
}

std::string clip(std::string_view text) {
    constexpr std::size_t kMax = 80;
    std::string out(text.substr(0, kMax));
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20) {
            c = ' ';
        }
    }
    return text.size() > kMax ? out + "…" : out;
}

}  // namespace

std::vector<std::string> LineSplitter::feed(std::string_view data) {
    std::vector<std::string> lines;
    if (overflow_) {
        return lines;
    }
    while (!data.empty()) {
        const auto nl = data.find('\n');
        if (nl == std::string_view::npos) {
            partial_.append(data);
            break;
        }
        partial_.append(data.substr(0, nl));
        data.remove_prefix(nl + 1);
        if (!partial_.empty() && partial_.back() == '\r') {
            partial_.pop_back();
        }
        lines.push_back(std::move(partial_));
        partial_.clear();
    }
    if (partial_.size() > max_line_bytes_) {
        overflow_ = true;
        partial_.clear();
    }
    return lines;
}

std::string json_string(std::string_view text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::optional<Message> parse_message(std::string_view line, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<Message> {
        if (error != nullptr) {
            *error = why + ": " + clip(line);
        }
        return std::nullopt;
    };
    rapidjson::Document doc;
    doc.Parse(line.data(), line.size());
    if (doc.HasParseError()) {
        return fail("not JSON");
    }
    if (!doc.IsObject()) {
        return fail("not a JSON-RPC message (expected an object)");
    }
    const auto version = doc.FindMember("jsonrpc");
    if (version == doc.MemberEnd() || !version->value.IsString() ||
        std::string_view(version->value.GetString()) != "2.0") {
        return fail("not a JSON-RPC 2.0 message (no \"jsonrpc\": \"2.0\")");
    }
    Message msg;
    const auto id = doc.FindMember("id");
    const bool has_id = id != doc.MemberEnd() && !id->value.IsNull();
    if (has_id) {
        if (!id->value.IsString() && !id->value.IsNumber()) {
            return fail("a JSON-RPC id must be a string or a number");
        }
        msg.id_json = to_text(id->value);
        if (id->value.IsInt64()) {
            msg.id = id->value.GetInt64();
        }
    }
    const auto method = doc.FindMember("method");
    if (method != doc.MemberEnd()) {
        if (!method->value.IsString()) {
            return fail("a JSON-RPC method must be a string");
        }
        msg.method.assign(method->value.GetString(), method->value.GetStringLength());
        msg.kind = has_id ? Message::Kind::kRequest : Message::Kind::kNotification;
        const auto params = doc.FindMember("params");
        if (params != doc.MemberEnd()) {
            msg.params_json = to_text(params->value);
        }
        return msg;
    }
    if (id == doc.MemberEnd()) {
        return fail("a JSON-RPC message needs a method or an id");
    }
    msg.kind = Message::Kind::kResponse;
    const auto result = doc.FindMember("result");
    const auto err = doc.FindMember("error");
    if (err != doc.MemberEnd()) {
        msg.is_error = true;
        if (err->value.IsObject()) {
            const auto code = err->value.FindMember("code");
            if (code != err->value.MemberEnd() && code->value.IsInt64()) {
                msg.error_code = code->value.GetInt64();
            }
            const auto message = err->value.FindMember("message");
            if (message != err->value.MemberEnd() && message->value.IsString()) {
                msg.error_message.assign(message->value.GetString(),
                                         message->value.GetStringLength());
            }
        }
        if (msg.error_message.empty()) {
            msg.error_message = "error " + std::to_string(msg.error_code);
        }
    } else if (result != doc.MemberEnd()) {
        msg.result_json = to_text(result->value);
    } else {
        return fail("a JSON-RPC response needs a result or an error");
    }
    return msg;
}

std::string request_line(int64_t id, std::string_view method, std::string_view params_json) {
    std::string out =
        "{\"jsonrpc\":\"2.0\",\"id\":" + std::to_string(id) + ",\"method\":" + json_string(method);
    if (!params_json.empty()) {
        out += ",\"params\":" + compact(params_json);
    }
    return out + "}\n";
}

std::string notification_line(std::string_view method, std::string_view params_json) {
    std::string out = "{\"jsonrpc\":\"2.0\",\"method\":" + json_string(method);
    if (!params_json.empty()) {
        out += ",\"params\":" + compact(params_json);
    }
    return out + "}\n";
}

std::string result_line(std::string_view id_json, std::string_view result_json) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + std::string(id_json) +
           ",\"result\":" + compact(result_json) + "}\n";
}

std::string error_line(std::string_view id_json, int code, std::string_view message) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + std::string(id_json) +
           ",\"error\":{\"code\":" + std::to_string(code) + ",\"message\":" + json_string(message) +
           "}}\n";
}

}  // namespace klaude::core::mcp
