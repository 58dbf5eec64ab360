#include "tests/plugins/responses/transcripts.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace klaude::responses::testing {

std::string load_transcript(const std::string& name) {
    std::ifstream in(std::string(KLAUDE_TRANSCRIPT_DIR) + "/" + name, std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing transcript " + name);
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> transcript_names() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(KLAUDE_TRANSCRIPT_DIR)) {
        if (entry.path().extension() == ".sse") {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace klaude::responses::testing
