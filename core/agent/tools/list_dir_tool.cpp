#include "core/agent/tools/list_dir_tool.h"

#include <system_error>

#include "core/agent/tools/file_walker.h"
#include "core/agent/tools/text_utils.h"
#include "core/agent/tools/workspace_paths.h"

namespace klaude::core::agent {
namespace fs = std::filesystem;

std::string ListDirTool::description() const {
    return "List a directory as an indented tree (sorted by name; directories end in '/', "
           "symlinks in '@'). Descends `depth` levels (default 2). .git is listed but not "
           "entered.";
}

std::vector<ParamSpec> ListDirTool::parameters() const {
    return {
        {"path", ParamType::kString,
         "Directory to list, relative to the working directory (default '.').", false},
        {"depth", ParamType::kInteger, "How many levels to descend, 1-5 (default 2).", false},
    };
}

ToolResult ListDirTool::execute(const ToolArgs& args, ToolContext& ctx) {
    std::string raw = args.string("path").value_or(".");
    if (raw.empty()) {
        raw = ".";
    }
    auto resolved = resolve_path(ctx, raw, PathAccess::kRead);
    if (!resolved.ok()) {
        return ToolResult::error("list_dir: " + resolved.error);
    }
    std::error_code ec;
    if (!fs::is_directory(resolved.path, ec)) {
        return ToolResult::error("list_dir: " + raw + " is not a directory" +
                                 (fs::exists(resolved.path, ec) ? "; use read_file" : ""));
    }
    std::int64_t depth = args.integer("depth").value_or(2);
    if (depth < 1) {
        return ToolResult::error("list_dir: depth must be 1 or more");
    }
    std::size_t max_depth = std::min(static_cast<std::size_t>(depth), ctx.limits.list_max_depth);

    std::string out = display_path(ctx, resolved.path);
    out += out.back() == '/' ? "\n" : "/\n";
    std::size_t shown = 0;
    std::size_t skipped = 0;
    bool complete = walk_tree(
        resolved.path, max_depth,
        [&](const WalkEntry& e) {
            if (shown >= ctx.limits.list_max_entries) {
                ++skipped;
                return WalkStep::kSkipChildren;
            }
            out += std::string(2 * e.depth, ' ');
            out += to_valid_utf8(e.path.filename().string());
            out += e.is_dir ? "/" : e.is_symlink ? "@" : "";
            out += '\n';
            ++shown;
            return WalkStep::kContinue;
        },
        ctx.cancel);
    if (shown == 0) {
        out += "  (empty)\n";
    }
    if (skipped > 0) {
        out += "[" + std::to_string(skipped) + " more entries not shown; list a subdirectory]\n";
    }
    if (!complete && ctx.cancelled()) {
        ToolResult r = ToolResult::error("list_dir: cancelled");
        r.cancelled = true;
        return r;
    }
    return ToolResult::success(out);
}

std::string ListDirTool::call_subject(const ToolArgs& args) const {
    return args.string("path").value_or(".");
}

}  // namespace klaude::core::agent
