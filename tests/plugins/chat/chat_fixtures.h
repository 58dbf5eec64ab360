// The recorded Chat Completions streams in fixtures/ (see fixtures/README.md), as the bytes a
// server sends: a `.sse` file as it is; a `.chunks.txt` file (one chunk's JSON per line, as
// the Vercel AI SDK stores them) as `data: <line>` events followed by `data: [DONE]`, unless
// asked to leave [DONE] out.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace klaude::chat::testing {

inline std::string read_fixture_file(const std::string& name) {
    std::ifstream in(std::string(KLAUDE_CHAT_FIXTURE_DIR) + "/" + name, std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing fixture " + name);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline std::string fixture_stream(const std::string& name, bool with_done = true) {
    const std::string raw = read_fixture_file(name);
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".sse") == 0) {
        return raw;
    }
    std::string sse;
    std::istringstream lines(raw);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) {
            sse += "data: " + line + "\n\n";
        }
    }
    if (with_done) {
        sse += "data: [DONE]\n\n";
    }
    return sse;
}

}  // namespace klaude::chat::testing
