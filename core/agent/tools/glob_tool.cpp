#include "core/agent/tools/glob_tool.h"

#include <system_error>

#include "core/agent/tools/file_walker.h"
#include "core/agent/tools/glob_matcher.h"
#include "core/agent/tools/text_utils.h"
#include "core/agent/tools/workspace_paths.h"

namespace klaude::core::agent {
namespace fs = std::filesystem;

namespace {
constexpr std::size_t kMaxDepth = 64;
}

std::string GlobTool::description() const {
    return "Find files and directories by path pattern: '*' and '?' within a name, '[a-z]', "
           "and '**' for any number of directories, e.g. '**/*.cpp' or 'src/*/test_*.py'. "
           "Paths are relative to `path`; directories end in '/'. .git is skipped.";
}

std::vector<ParamSpec> GlobTool::parameters() const {
    return {
        {"pattern", ParamType::kString, "Glob pattern, e.g. '**/*.cpp'.", true},
        {"path", ParamType::kString,
         "Directory to search from, relative to the working directory (default '.').", false},
    };
}

ToolResult GlobTool::execute(const ToolArgs& args, ToolContext& ctx) {
    std::string pattern = args.string_or("pattern", "");
    if (pattern.empty()) {
        return ToolResult::error("glob: the pattern is empty");
    }
    std::string raw = args.string("path").value_or(".");
    auto resolved = resolve_path(ctx, raw.empty() ? "." : raw, PathAccess::kRead);
    if (!resolved.ok()) {
        return ToolResult::error("glob: " + resolved.error);
    }
    std::error_code ec;
    if (!fs::is_directory(resolved.path, ec)) {
        return ToolResult::error("glob: " + raw + " is not a directory");
    }
    // A pattern without "**" cannot match deeper than its own number of segments.
    std::size_t depth = 1;
    for (char c : pattern) {
        depth += c == '/' ? 1 : 0;
    }
    if (pattern.find("**") != std::string::npos) {
        depth = kMaxDepth;
    }

    std::string out;
    std::size_t found = 0;
    bool capped = false;
    walk_tree(
        resolved.path, depth,
        [&](const WalkEntry& e) {
            if (e.path.filename() == ".git") {
                return WalkStep::kSkipChildren;
            }
            if (glob_match_path(pattern, e.relative)) {
                if (found >= ctx.limits.search_max_results) {
                    capped = true;
                    return WalkStep::kStop;
                }
                ++found;
                out += to_valid_utf8(e.relative) + (e.is_dir ? "/" : "") + "\n";
            }
            return WalkStep::kContinue;
        },
        ctx.cancel);
    if (ctx.cancelled()) {
        ToolResult r = ToolResult::error("glob: cancelled");
        r.cancelled = true;
        return r;
    }
    if (found == 0) {
        return ToolResult::success("No paths match '" + pattern + "' under " +
                                   display_path(ctx, resolved.path) + ".");
    }
    if (capped) {
        out += "[stopped after " + std::to_string(found) + " paths; narrow the pattern]\n";
    }
    return ToolResult::success(out);
}

}  // namespace klaude::core::agent
