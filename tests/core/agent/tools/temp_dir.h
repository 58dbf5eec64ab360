// A scratch directory per test (removed afterwards) with helpers to make and read files.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace klaude::core::agent::testing {

class TempDir {
  public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "klaude-tools-XXXXXX").string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        if (::mkdtemp(name.data()) == nullptr) {
            ADD_FAILURE() << "mkdtemp failed";
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

    std::filesystem::path write(const std::string& relative, const std::string& content) const {
        auto p = path_ / relative;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary);
        out << content;
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

}  // namespace klaude::core::agent::testing
