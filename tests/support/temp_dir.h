// A scratch directory for one test, removed afterwards, with helpers to make and read files.
// The path is canonical (symlinks such as /tmp -> /private/tmp resolved), so it compares equal
// to what code under test computes from it.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace klaude::testing {

class TempDir {
  public:
    explicit TempDir(const std::string& tag = "klaude-test") {
        std::string pattern = (std::filesystem::temp_directory_path() / (tag + "-XXXXXX")).string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        if (::mkdtemp(name.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed for " + pattern);
        }
        path_ = std::filesystem::canonical(name.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Writes `content` to `relative` (parents created); returns the full path.
    std::filesystem::path write(const std::string& relative, const std::string& content) const {
        auto p = path_ / relative;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return p;
    }
    std::string read(const std::string& relative) const { return read_file(path_ / relative); }
    bool exists(const std::string& relative) const {
        return std::filesystem::exists(std::filesystem::symlink_status(path_ / relative));
    }

    static std::string read_file(const std::filesystem::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }

    // relative path -> content of every regular file below `root`.
    static std::map<std::string, std::string> snapshot(const std::filesystem::path& root) {
        std::map<std::string, std::string> files;
        if (!std::filesystem::exists(root)) {
            return files;
        }
        for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
            if (e.is_regular_file()) {
                files[std::filesystem::relative(e.path(), root).string()] = read_file(e.path());
            }
        }
        return files;
    }

  private:
    std::filesystem::path path_;
};

}  // namespace klaude::testing
