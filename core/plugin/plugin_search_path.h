// Where plugins are looked for: every --plugin-dir (in order, searched first), then each entry
// of KLAUDE_PLUGIN_PATH (colon-separated), then the default directory next to the binary
// (<prefix>/lib/klaude/plugins for <prefix>/bin/klaude, in the build tree and when installed).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace klaude::core {

// The running executable (from /proc/self/exe), and the directory holding it.
std::filesystem::path executable_path();
std::filesystem::path executable_dir();

// <executable_dir>/../lib/klaude/plugins, normalised.
std::filesystem::path default_plugin_dir();

// The directories to search, in order, without duplicates. `env_path` may be null.
std::vector<std::filesystem::path> plugin_search_path(
    const std::vector<std::filesystem::path>& cli_dirs, const char* env_path,
    const std::filesystem::path& default_dir);

struct PluginFileProblem {
    std::filesystem::path path;
    std::string reason;
};

// The candidate plugin files (*.so) of `dir`, sorted by name. Unreadable entries, dangling
// symlinks and symlink loops go to `problems`. A missing directory is not a problem unless
// `must_exist` (directories the user named).
std::vector<std::filesystem::path> list_plugin_files(const std::filesystem::path& dir,
                                                     bool must_exist,
                                                     std::vector<PluginFileProblem>& problems);

}  // namespace klaude::core
