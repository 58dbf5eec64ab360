#include "core/mcp/call_result.h"

#include "core/mcp/json_text.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/agent/tools/head_tail_buffer.h"

namespace klaude::core::mcp {

namespace {

// Base64 text of `data` → the decoded size, for placeholders.
std::size_t decoded_size(const std::string& base64) {
    std::size_t padding = 0;
    for (auto it = base64.rbegin(); it != base64.rend() && *it == '='; ++it) {
        ++padding;
    }
    return base64.size() / 4 * 3 - std::min(padding, base64.size() / 4 * 3);
}

// The image types the model APIs take (OpenAI, Anthropic, Gemini through Chat Completions).
bool model_image_type(const std::string& mime) {
    return mime == "image/png" || mime == "image/jpeg" || mime == "image/gif" ||
           mime == "image/webp";
}

// Larger images are left out: 5 MB is Anthropic's limit per image, the smallest of the APIs.
constexpr std::size_t kMaxImageBytes = 5 * 1024 * 1024;
constexpr std::size_t kMaxImagesPerResult = 8;

std::string one_block(const rapidjson::Value& block, std::vector<agent::ToolImage>& images) {
    const std::string type = string_member(block, "type");
    if (type == "text") {
        return string_member(block, "text");
    }
    if (type == "image" || type == "audio") {
        const std::string mime = string_member(block, "mimeType");
        std::string data = string_member(block, "data");
        const std::size_t bytes = decoded_size(data);
        std::string placeholder =
            "[" + type + (mime.empty() ? "" : " " + mime) + ", " + std::to_string(bytes) + " bytes";
        if (type == "audio" || !model_image_type(mime)) {
            return placeholder + ": not shown to the model]";
        }
        if (bytes > kMaxImageBytes || images.size() >= kMaxImagesPerResult) {
            return placeholder + ": too large or too many to show to the model]";
        }
        images.push_back({mime, std::move(data)});
        return placeholder + "]";
    }
    if (type == "resource_link") {
        std::string line = "resource link: " + string_member(block, "uri");
        const std::string name = string_member(block, "name");
        const std::string description = string_member(block, "description");
        if (!name.empty()) {
            line += " (" + name + ")";
        }
        if (!description.empty()) {
            line += ": " + description;
        }
        return line;
    }
    if (type == "resource" && block.HasMember("resource")) {
        const auto& resource = block["resource"];
        const std::string uri = string_member(resource, "uri");
        if (resource.IsObject() && resource.HasMember("text")) {
            return "resource " + uri + ":\n" + string_member(resource, "text");
        }
        const std::string mime = string_member(resource, "mimeType");
        return "[resource " + uri + (mime.empty() ? "" : " " + mime) +
               ", binary: not shown to the model yet]";
    }
    return "[" + (type.empty() ? std::string("unknown") : type) + " content]";
}

}  // namespace

agent::ToolResult convert_call_result(std::string_view result_json, std::size_t cap) {
    rapidjson::Document doc;
    doc.Parse(result_json.data(), result_json.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        return agent::ToolResult::error(
            "the MCP server answered tools/call with something "
            "that is not a result object");
    }
    std::string text;
    std::vector<agent::ToolImage> images;
    if (doc.HasMember("content") && doc["content"].IsArray()) {
        for (const auto& block : doc["content"].GetArray()) {
            if (!text.empty()) {
                text += '\n';
            }
            text += one_block(block, images);
        }
    }
    if (text.empty() && doc.HasMember("structuredContent")) {
        text = to_text(doc["structuredContent"]);
    }
    const bool is_error =
        doc.HasMember("isError") && doc["isError"].IsBool() && doc["isError"].GetBool();
    if (text.empty()) {
        text = is_error ? "the tool failed without saying why" : "(no output)";
    }
    agent::HeadTailBuffer buffer(cap);
    buffer.append(text);
    agent::ToolResult result;
    result.output = buffer.text();
    result.omitted_bytes = buffer.omitted_bytes();
    result.is_error = is_error;
    result.images = std::move(images);
    return result;
}

}  // namespace klaude::core::mcp
