// Reading and writing whole files for the edit tools. Writes go to a temporary file in the same
// directory and are renamed into place, so a reader (or a crash) never sees half a file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace klaude::core::agent {

// The whole file, or nullopt with `error` set (missing, a directory, unreadable, > max_bytes).
std::optional<std::string> read_text_file(const std::filesystem::path& path, std::string* error,
                                          std::size_t max_bytes = 64 * 1024 * 1024);

// Up to `max_bytes` from the start of the file (for binary detection).
std::string read_file_head(const std::filesystem::path& path, std::size_t max_bytes);

// Writes `content` to a new temporary file next to `path` (same directory, same permissions as
// an existing `path`, else 0644 minus umask) and returns its name; empty with `error` on failure.
// Pair with commit_temp_file / discard_temp_file.
std::filesystem::path write_temp_beside(const std::filesystem::path& path,
                                        const std::string& content, std::string* error);
bool commit_temp_file(const std::filesystem::path& temp, const std::filesystem::path& path,
                      std::string* error);
void discard_temp_file(const std::filesystem::path& temp);

// Creates the parent directories of `path` (recording each one it made in `created`, outermost
// first, so a failed multi-file edit can remove them again).
bool create_parent_dirs(const std::filesystem::path& path,
                        std::vector<std::filesystem::path>* created, std::string* error);

// write_temp_beside + commit_temp_file, creating parent directories.
bool write_file_atomically(const std::filesystem::path& path, const std::string& content,
                           std::string* error);

}  // namespace klaude::core::agent
