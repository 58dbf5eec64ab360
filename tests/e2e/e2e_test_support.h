// What the end-to-end tests share: a clean KLAUDE_HOME, and the environment that points the
// `openai` provider at a loopback server.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

namespace klaude::testing {

class ScratchDir {
  public:
    explicit ScratchDir(const char* tag = "klaude-e2e") {
        std::string pattern =
            (std::filesystem::temp_directory_path() / (std::string(tag) + "-XXXXXX")).string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

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

}  // namespace klaude::testing
