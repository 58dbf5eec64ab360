// Files that hold secrets: 0600 inside a 0700 directory, replaced atomically (temp file in the
// same directory + fsync + rename + fsync of the directory), so a reader sees the old or the
// new content, never a partial one, whatever crashes in between.
#pragma once

#include <optional>
#include <string>

namespace klaude::codex {

// mkdir -p with mode 0700 for what it creates; tightens `dir` itself to 0700 when it exists
// with group/other bits (it is ours: klaude's home). Throws sdk::Error(KLAUDE_ERROR_IO).
void ensure_private_directory(const std::string& dir);

// Replaces `path` with `content`, mode 0600. The directory must exist.
// Throws sdk::Error(KLAUDE_ERROR_IO) naming the file.
void write_private_file(const std::string& path, const std::string& content);

// The whole file, or nullopt when it does not exist. Throws sdk::Error(KLAUDE_ERROR_IO).
std::optional<std::string> read_file_if_exists(const std::string& path);

// Deletes `path`; false when there was nothing to delete. Throws sdk::Error(KLAUDE_ERROR_IO).
bool remove_file(const std::string& path);

// The directory part of a path ("/a/b/c.json" -> "/a/b").
std::string parent_directory(const std::string& path);

}  // namespace klaude::codex
