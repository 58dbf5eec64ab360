// 'klaude config init': writes the commented example config into the klaude home.
#pragma once

#include <filesystem>

namespace klaude::core {

// Creates `home` (0700) if needed and writes example_config() to config_path(home), mode
// 0600, atomically. An existing file is replaced only when `force`; otherwise throws
// ConfigError naming the file and --force. Returns the path written.
std::filesystem::path init_config(const std::filesystem::path& home, bool force);

}  // namespace klaude::core
