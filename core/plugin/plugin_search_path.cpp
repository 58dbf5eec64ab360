#include "core/plugin/plugin_search_path.h"

#include <algorithm>
#include <system_error>

namespace klaude::core {

namespace fs = std::filesystem;

fs::path executable_path() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe;
}

fs::path executable_dir() {
    fs::path exe = executable_path();
    return exe.empty() ? fs::current_path() : exe.parent_path();
}

fs::path default_plugin_dir() {
    return (executable_dir() / ".." / "lib" / "klaude" / "plugins").lexically_normal();
}

std::vector<fs::path> plugin_search_path(const std::vector<fs::path>& cli_dirs,
                                         const char* env_path, const fs::path& default_dir) {
    std::vector<fs::path> dirs;
    auto add = [&dirs](const fs::path& dir) {
        if (dir.empty()) {
            return;
        }
        fs::path normal = fs::absolute(dir).lexically_normal();
        if (std::find(dirs.begin(), dirs.end(), normal) == dirs.end()) {
            dirs.push_back(std::move(normal));
        }
    };
    for (const fs::path& dir : cli_dirs) {
        add(dir);
    }
    if (env_path != nullptr) {
        std::string value = env_path;
        size_t start = 0;
        while (start <= value.size()) {
            size_t end = value.find(':', start);
            if (end == std::string::npos) {
                end = value.size();
            }
            add(value.substr(start, end - start));
            start = end + 1;
        }
    }
    add(default_dir);
    return dirs;
}

std::vector<fs::path> list_plugin_files(const fs::path& dir, bool must_exist,
                                        std::vector<PluginFileProblem>& problems) {
    std::vector<fs::path> files;
    std::error_code ec;
    const fs::file_status dir_status = fs::status(dir, ec);
    if (!fs::is_directory(dir_status)) {
        if (must_exist) {
            const bool missing = dir_status.type() == fs::file_type::not_found;
            problems.push_back({dir, missing ? "plugin directory does not exist"
                                     : ec    ? "plugin directory cannot be read: " + ec.message()
                                             : "not a directory"});
        }
        return files;
    }
    fs::directory_iterator it(dir, ec);
    if (ec) {
        problems.push_back({dir, "plugin directory cannot be read: " + ec.message()});
        return files;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) {
            problems.push_back({dir, "error while listing: " + ec.message()});
            break;
        }
        const fs::path& path = it->path();
        if (path.extension() != ".so") {
            continue;
        }
        std::error_code status_ec;
        fs::file_status status = fs::status(path, status_ec);  // follows symlinks
        if (status_ec) {
            // ELOOP for a symlink loop, ENOENT for a dangling symlink.
            problems.push_back({path, status_ec == std::errc::too_many_symbolic_link_levels
                                          ? "symlink loop"
                                          : "cannot be read: " + status_ec.message()});
            continue;
        }
        if (!fs::is_regular_file(status)) {
            problems.push_back({path, "not a regular file"});
            continue;
        }
        files.push_back(path);
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace klaude::core
