#include "core/agent/tools/grep_tool.h"

// GCC 12 reports a false "may be used uninitialized" inside <regex>'s std::function when
// sanitizers are on (KLAUDE_SANITIZE with KLAUDE_WERROR); silence just that, for this file.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <fstream>
#include <regex>
#include <system_error>

#include "core/agent/tools/file_io.h"
#include "core/agent/tools/file_walker.h"
#include "core/agent/tools/glob_matcher.h"
#include "core/agent/tools/text_utils.h"
#include "core/agent/tools/workspace_paths.h"

namespace klaude::core::agent {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBinarySniffBytes = 8192;
// std::regex recurses per character; very long lines (minified code) could exhaust the stack,
// so only this much of a line is searched.
constexpr std::size_t kMaxMatchedLineBytes = 4096;
constexpr std::size_t kMaxShownLineBytes = 300;
constexpr std::size_t kMaxDepth = 64;

struct Search {
    const std::regex* regex = nullptr;
    std::size_t max_results = 0;
    std::size_t max_file_bytes = 0;
    std::size_t results = 0;
    std::size_t files_searched = 0;
    bool capped = false;
    std::string out;
};

// Searches one file; false when the result cap was reached.
bool search_file(const fs::path& path, const std::string& shown_name, Search& s) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (ec || size > s.max_file_bytes || looks_binary(read_file_head(path, kBinarySniffBytes))) {
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::size_t number = 0;
    ++s.files_searched;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        std::string_view searched(line.data(), std::min(line.size(), kMaxMatchedLineBytes));
        if (!std::regex_search(searched.begin(), searched.end(), *s.regex)) {
            continue;
        }
        if (s.results >= s.max_results) {
            s.capped = true;
            return false;
        }
        ++s.results;
        s.out += shown_name + ":" + std::to_string(number) + ": " +
                 clip_line(to_valid_utf8(line), kMaxShownLineBytes) + "\n";
    }
    return true;
}

}  // namespace

std::string GrepTool::description() const {
    return "Search file contents with a regular expression (ECMAScript syntax, like JavaScript "
           "or grep -E). Prints path:line: text for each matching line, files in name order. "
           "Skips binary files and .git; stops after 200 matches.";
}

std::vector<ParamSpec> GrepTool::parameters() const {
    return {
        {"pattern", ParamType::kString, "Regular expression to look for in each line.", true},
        {"path", ParamType::kString,
         "File or directory to search, relative to the working directory (default '.').", false},
        {"include", ParamType::kString,
         "Only search files whose path matches this glob, e.g. '*.cpp' (matched against the "
         "file name) or 'src/**/*.h' (matched against the path below `path`).",
         false},
        {"case_insensitive", ParamType::kBoolean, "Ignore case (default false).", false},
    };
}

ToolResult GrepTool::execute(const ToolArgs& args, ToolContext& ctx) {
    std::string pattern = args.string_or("pattern", "");
    if (pattern.empty()) {
        return ToolResult::error("grep: the pattern is empty");
    }
    auto flags = std::regex::ECMAScript;
    if (args.boolean("case_insensitive").value_or(false)) {
        flags |= std::regex::icase;
    }
    std::regex regex;
    try {
        regex = std::regex(pattern, flags);
    } catch (const std::regex_error& e) {
        return ToolResult::error("grep: invalid regular expression '" + pattern + "': " + e.what());
    }
    std::string raw = args.string("path").value_or(".");
    auto resolved = resolve_path(ctx, raw.empty() ? "." : raw, PathAccess::kRead);
    if (!resolved.ok()) {
        return ToolResult::error("grep: " + resolved.error);
    }
    std::error_code ec;
    if (!fs::exists(resolved.path, ec)) {
        return ToolResult::error("grep: no such file or directory: " + raw);
    }
    std::string include = args.string("include").value_or("");

    Search s;
    s.regex = &regex;
    s.max_results = ctx.limits.search_max_results;
    s.max_file_bytes = ctx.limits.search_max_file_bytes;
    if (!fs::is_directory(resolved.path, ec)) {
        search_file(resolved.path, display_path(ctx, resolved.path), s);
    } else {
        walk_tree(
            resolved.path, kMaxDepth,
            [&](const WalkEntry& e) {
                if (e.is_dir || e.is_symlink) {
                    return e.path.filename() == ".git" ? WalkStep::kSkipChildren
                                                       : WalkStep::kContinue;
                }
                if (!include.empty()) {
                    bool by_name = include.find('/') == std::string::npos;
                    std::string subject = by_name ? e.path.filename().string() : e.relative;
                    if (!glob_match_path(include, subject)) {
                        return WalkStep::kContinue;
                    }
                }
                return search_file(e.path, display_path(ctx, e.path), s) ? WalkStep::kContinue
                                                                         : WalkStep::kStop;
            },
            ctx.cancel);
    }
    if (ctx.cancelled()) {
        ToolResult r = ToolResult::error("grep: cancelled");
        r.cancelled = true;
        return r;
    }
    if (s.results == 0) {
        return ToolResult::success("No matches for /" + pattern + "/ in " +
                                   std::to_string(s.files_searched) + " files searched.");
    }
    if (s.capped) {
        s.out += "[stopped after " + std::to_string(s.max_results) +
                 " matches; narrow the pattern, path or include]\n";
    }
    return ToolResult::success(s.out);
}

}  // namespace klaude::core::agent
