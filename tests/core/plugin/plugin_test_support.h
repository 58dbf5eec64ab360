// Shared by the plugin tests: a temporary plugin directory filled with fixture plugins, and a
// host to load them with.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/host/host_services.h"

namespace klaude::testing {

class TempDir {
  public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "klaude-test-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

inline std::filesystem::path fixture(const std::string& name) {
    return std::filesystem::path(KLAUDE_FIXTURE_PLUGIN_DIR) / (name + ".so");
}

// Copies fixture `name` into `dir` (as `as`.so when given).
inline std::filesystem::path add_fixture(const std::filesystem::path& dir, const std::string& name,
                                         const std::string& as = "") {
    auto target = dir / ((as.empty() ? name : as) + ".so");
    std::filesystem::copy_file(fixture(name), target,
                               std::filesystem::copy_options::overwrite_existing);
    return target;
}

inline klaude::core::HostServices::Options test_host_options(const std::filesystem::path& home) {
    klaude::core::HostServices::Options options;
    options.home_dir = home.string();
    return options;
}

}  // namespace klaude::testing
