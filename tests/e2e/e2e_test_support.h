// What the end-to-end tests share: file helpers, and the environment that points the `openai`
// provider at a loopback server (scratch directories: tests/support/temp_dir.h).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include <rapidjson/document.h>

#include "tests/support/temp_dir.h"

namespace klaude::testing {

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// The environment of a user whose `openai` provider points at `base_url` (…/v1).
inline std::map<std::string, std::string> openai_env(const std::filesystem::path& home,
                                                     const std::string& base_url) {
    return {{"KLAUDE_HOME", home.string()},
            {"OPENAI_BASE_URL", base_url},
            {"OPENAI_API_KEY", "sk-test-e2e-key-123456"},
            {"KLAUDE_PLUGIN_PATH", ""},
            {"KLAUDE_LOG", ""},
            {"KLAUDE_MODEL", ""},
            {"HTTPS_PROXY", ""},
            {"HTTP_PROXY", ""},
            {"https_proxy", ""},
            {"http_proxy", ""}};
}

// A recorded Responses request's function_call_output items: call_id -> output.
inline std::map<std::string, std::string> tool_outputs(const std::string& request_body) {
    std::map<std::string, std::string> outputs;
    rapidjson::Document body;
    body.Parse(request_body.c_str());
    for (const auto& item : body["input"].GetArray()) {
        if (std::string(item["type"].GetString()) == "function_call_output") {
            outputs[item["call_id"].GetString()] = item["output"].GetString();
        }
    }
    return outputs;
}

// The names of the tools a recorded request offered, each followed by a space.
inline std::string tool_names(const std::string& request_body) {
    rapidjson::Document body;
    body.Parse(request_body.c_str());
    std::string names;
    for (const auto& tool : body["tools"].GetArray()) {
        names += std::string(tool["name"].GetString()) + " ";
    }
    return names;
}

}  // namespace klaude::testing
