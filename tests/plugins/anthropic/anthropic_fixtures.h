// The recorded Messages API streams in fixtures/ (see fixtures/README.md), as the bytes the API
// sends: each line of a `.chunks.txt` file (one event's JSON, as the Vercel AI SDK stores them)
// becomes `event: <its type>` and `data: <line>`, then a blank line, which is how
// api.anthropic.com frames them.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <rapidjson/document.h>

namespace klaude::anthropic::testing {

inline std::string read_fixture_file(const std::string& name) {
    std::ifstream in(std::string(KLAUDE_ANTHROPIC_FIXTURE_DIR) + "/" + name, std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing fixture " + name);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// One event as the API frames it.
inline std::string sse_event(const std::string& data) {
    rapidjson::Document doc;
    doc.Parse(data.c_str());
    const std::string type = doc.IsObject() && doc.HasMember("type") && doc["type"].IsString()
                                 ? doc["type"].GetString()
                                 : "message";
    return "event: " + type + "\ndata: " + data + "\n\n";
}

inline std::string fixture_stream(const std::string& name) {
    std::string sse;
    std::istringstream lines(read_fixture_file(name));
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) {
            sse += sse_event(line);
        }
    }
    return sse;
}

}  // namespace klaude::anthropic::testing
