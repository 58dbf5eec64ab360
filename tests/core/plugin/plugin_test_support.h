// Shared by the plugin tests: a temporary plugin directory filled with fixture plugins, and a
// host to load them with.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/host/host_services.h"
#include "tests/support/temp_dir.h"

namespace klaude::testing {

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
