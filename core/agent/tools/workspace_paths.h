// Turning a path the model wrote into a real path, and keeping writes inside the working
// directory. Symlinks are resolved component by component (also dangling ones, and in
// not-yet-existing tails), so a link that points outside cannot smuggle a write out.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

enum class PathAccess { kRead, kWrite };

struct ResolvedPath {
    std::filesystem::path path;  // absolute, `..` and symlinks resolved
    std::string error;           // set when refused; one line for the model
    bool ok() const { return error.empty(); }
};

// Resolves `raw` (relative to ctx.cwd, or absolute). Writes that land outside ctx.cwd are
// refused unless ctx.allow_outside_cwd; reads may go anywhere.
ResolvedPath resolve_path(const ToolContext& ctx, std::string_view raw, PathAccess access);

// `path` with every symlink in it resolved, also in parts that do not exist yet (those are
// normalised lexically). Gives up after 40 links (a loop) and returns an empty path.
std::filesystem::path resolve_symlinks(const std::filesystem::path& absolute);

// True if `path` is `root` or below it (both absolute and normalised).
bool is_within(const std::filesystem::path& root, const std::filesystem::path& path);

// How to show `path` to the model and user: relative to cwd when inside it, else absolute.
std::string display_path(const ToolContext& ctx, const std::filesystem::path& path);

}  // namespace klaude::core::agent
