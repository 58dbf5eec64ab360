// JSON-RPC 2.0 as MCP's stdio transport frames it: one message per line, UTF-8, no line breaks
// inside a message (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace klaude::core::mcp {

// Splits a byte stream into lines at '\n' (a '\r' before it is dropped).
class LineSplitter {
  public:
    explicit LineSplitter(std::size_t max_line_bytes = 64 * 1024 * 1024)
        : max_line_bytes_(max_line_bytes) {}

    // The lines `data` completes. After overflow() nothing more comes out.
    std::vector<std::string> feed(std::string_view data);
    // A line grew past the limit: the peer is not speaking the protocol.
    bool overflow() const { return overflow_; }
    // Bytes of an unfinished line.
    std::size_t pending() const { return partial_.size(); }

  private:
    std::size_t max_line_bytes_;
    std::string partial_;
    bool overflow_ = false;
};

struct Message {
    enum class Kind { kRequest, kNotification, kResponse };
    Kind kind = Kind::kNotification;
    std::string method;         // requests and notifications
    std::string id_json;        // requests and responses: the id as JSON text
    std::optional<int64_t> id;  // the id when it is an integer (ours always are)
    std::string params_json;    // requests and notifications; "" when absent
    std::string result_json;    // successful responses
    bool is_error = false;      // responses: an "error" member
    int64_t error_code = 0;
    std::string error_message;
};

// One line as a JSON-RPC 2.0 message; nullopt and `*error` (one line) when it is not one.
std::optional<Message> parse_message(std::string_view line, std::string* error);

// Serialized messages, each one line ending in '\n'. `params_json` may be "" (no params) and
// is re-serialized compactly; invalid JSON throws std::invalid_argument.
std::string request_line(int64_t id, std::string_view method, std::string_view params_json);
std::string notification_line(std::string_view method, std::string_view params_json);
std::string result_line(std::string_view id_json, std::string_view result_json);
std::string error_line(std::string_view id_json, int code, std::string_view message);

// `text` as a JSON string literal (quotes included).
std::string json_string(std::string_view text);

}  // namespace klaude::core::mcp
