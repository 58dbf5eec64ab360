#include "core/mcp/http_body.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

#include "core/mcp/json_text.h"
#include "klaude/support/sse_parser.h"

namespace klaude::core::mcp {

namespace {

bool starts_with(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

// Collects the data of "message" events; the SSE parser's views live only during its call.
class MessageEvents : public support::SseParser::Handler {
  public:
    void on_event(const support::SseEvent& event) override {
        if (event.type == "message" && !event.data.empty()) {
            messages.emplace_back(event.data);
        }
    }
    std::vector<std::string> messages;
};

bool read_json(support::HttpStream& http,
               const std::function<bool(std::string message)>& on_message) {
    const std::string body = http.read_all(kMaxMessageBytes + 1);
    if (body.size() > kMaxMessageBytes) {
        throw std::runtime_error("answered with a JSON body larger than 64 MiB");
    }
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    if (doc.HasParseError()) {
        throw std::runtime_error(std::string("answered with a body that is not JSON (") +
                                 rapidjson::GetParseError_En(doc.GetParseError()) + ")");
    }
    if (!doc.IsArray()) {
        return !on_message(body);
    }
    for (const auto& item : doc.GetArray()) {
        if (!on_message(to_text(item))) {
            return true;
        }
    }
    return false;
}

bool read_events(support::HttpStream& http,
                 const std::function<bool(std::string message)>& on_message) {
    support::SseParser parser;
    MessageEvents events;
    auto deliver = [&] {
        for (std::string& message : events.messages) {
            if (!on_message(std::move(message))) {
                return false;
            }
        }
        events.messages.clear();
        return true;
    };
    for (;;) {
        const std::string_view chunk = http.read_some();
        if (chunk.empty()) {
            parser.finish(events);
            return !deliver();
        }
        parser.feed(chunk, events);
        if (!deliver()) {
            return true;
        }
        if (parser.buffered_bytes() > kMaxMessageBytes) {
            throw std::runtime_error("sent an event larger than 64 MiB");
        }
    }
}

}  // namespace

BodyKind body_kind(const support::HeaderList& headers, std::string* content_type) {
    std::string value;
    for (const auto& [name, v] : headers) {
        if (name == "content-type") {
            value = v;
        }
    }
    if (content_type != nullptr) {
        *content_type = value;
    }
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (starts_with(value, "application/json")) {
        return BodyKind::kJson;
    }
    if (starts_with(value, "text/event-stream")) {
        return BodyKind::kEventStream;
    }
    return BodyKind::kOther;
}

bool read_messages(support::HttpStream& http, BodyKind kind,
                   const std::function<bool(std::string message)>& on_message) {
    switch (kind) {
        case BodyKind::kJson:
            return read_json(http, on_message);
        case BodyKind::kEventStream:
            return read_events(http, on_message);
        case BodyKind::kOther:
            break;
    }
    return false;
}

}  // namespace klaude::core::mcp
