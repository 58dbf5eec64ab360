#include "core/agent/tools/workspace_paths.h"

#include <cstdlib>
#include <deque>
#include <iterator>
#include <system_error>

namespace klaude::core::agent {
namespace fs = std::filesystem;

namespace {

constexpr int kMaxSymlinkHops = 40;

std::deque<fs::path> components_of(const fs::path& p) {
    std::deque<fs::path> out;
    for (const auto& part : p.relative_path()) {
        if (!part.empty()) {
            out.push_back(part);
        }
    }
    return out;
}

}  // namespace

fs::path resolve_symlinks(const fs::path& absolute) {
    fs::path result = absolute.root_path();
    std::deque<fs::path> rest = components_of(absolute);
    int hops = 0;
    while (!rest.empty()) {
        fs::path part = rest.front();
        rest.pop_front();
        if (part == ".") {
            continue;
        }
        if (part == "..") {
            result = result.parent_path();
            continue;
        }
        fs::path candidate = result / part;
        std::error_code ec;
        auto status = fs::symlink_status(candidate, ec);
        if (!ec && fs::is_symlink(status)) {
            if (++hops > kMaxSymlinkHops) {
                return {};
            }
            fs::path target = fs::read_symlink(candidate, ec);
            if (ec) {
                return {};
            }
            auto target_parts = components_of(target);
            rest.insert(rest.begin(), target_parts.begin(), target_parts.end());
            if (target.is_absolute()) {
                result = target.root_path();
            }
            continue;
        }
        result = candidate;
    }
    return result;
}

bool is_within(const fs::path& root, const fs::path& path) {
    auto r = root.begin();
    auto p = path.begin();
    for (; r != root.end(); ++r, ++p) {
        if (r->empty() && std::next(r) == root.end()) {
            break;  // "/a/b/" has a trailing empty element
        }
        if (p == path.end() || *r != *p) {
            return false;
        }
    }
    return true;
}

ResolvedPath resolve_path(const ToolContext& ctx, std::string_view raw, PathAccess access) {
    ResolvedPath out;
    if (raw.empty()) {
        out.error = "path is empty; give a path relative to the working directory";
        return out;
    }
    if (raw.find('\0') != std::string_view::npos) {
        out.error = "path contains a NUL byte";
        return out;
    }
    fs::path given{std::string(raw)};
    // "~/x" is what a model means by home; expand it rather than creating a "~" directory.
    if (raw == "~" || raw.substr(0, 2) == "~/") {
        const char* home = std::getenv("HOME");
        if (home != nullptr) {
            given = fs::path(home) / std::string(raw.substr(raw.size() > 1 ? 2 : 1));
        }
    }
    fs::path absolute = given.is_absolute() ? given : ctx.cwd / given;
    fs::path resolved = resolve_symlinks(absolute.lexically_normal());
    if (resolved.empty()) {
        out.error = "cannot resolve '" + std::string(raw) + "': too many levels of symbolic links";
        return out;
    }
    out.path = resolved;
    if (access == PathAccess::kWrite && !ctx.allow_outside_cwd && !is_within(ctx.cwd, resolved)) {
        out.error = "refusing to write '" + std::string(raw) + "': it resolves to " +
                    resolved.string() + ", outside the working directory " + ctx.cwd.string() +
                    " (the user can allow this with --allow-outside-cwd)";
    }
    return out;
}

std::string display_path(const ToolContext& ctx, const fs::path& path) {
    if (is_within(ctx.cwd, path)) {
        fs::path rel = path.lexically_relative(ctx.cwd);
        return rel.empty() ? "." : rel.string();
    }
    return path.string();
}

}  // namespace klaude::core::agent
