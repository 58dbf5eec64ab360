// The klaude home directory ($KLAUDE_HOME, default ~/.klaude) and the one way klaude writes
// files into it. Everything there may hold secrets (tokens, keys), so the directory is 0700
// and every file 0600, written atomically: readers (other klaude processes) see either the old
// file or the new one, never a half-written one.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace klaude::core {

// Thrown for any problem with the home directory or a file in it; what() is one line naming
// the path and what to do.
class HomeError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The home directory, absolute, without touching the disk: $KLAUDE_HOME when set and not
// empty (a relative value is taken against the current directory), else $HOME/.klaude (the
// passwd entry's home when $HOME is unset). Throws HomeError when neither can be found.
std::filesystem::path resolve_klaude_home();

// Makes sure `home` exists as a directory with mode 0700: creates it (and missing parents,
// with default permissions) when absent, tightens a looser mode silently. Throws HomeError
// when it is not a directory or cannot be created / changed.
void ensure_klaude_home(const std::filesystem::path& home);

// resolve_klaude_home() + ensure_klaude_home(): what every command calls first.
std::filesystem::path open_klaude_home();

// Replaces `path` with `content`, mode 0600, atomically: writes a temp file in the same
// directory, fsyncs it, renames it over `path`, fsyncs the directory. On any failure the old
// file (if any) is untouched and no temp file is left. The directory must exist.
void write_private_file(const std::filesystem::path& path, std::string_view content);

}  // namespace klaude::core
