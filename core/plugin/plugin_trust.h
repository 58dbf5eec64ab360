// Whether a plugin file may be loaded at all, judged from its owner and permissions (as
// osquery does for its extensions): code that another user can replace must not run as you.
#pragma once

#include <filesystem>
#include <string>

namespace klaude::core {

// Empty when `file` and the directory holding it are owned by you or root and writable by
// nobody else; otherwise the reason and the fix, e.g.
// "is writable by other users (mode 0666): run 'chmod go-w …' or pass --allow-insecure-plugins".
std::string check_plugin_trust(const std::filesystem::path& file);

}  // namespace klaude::core
