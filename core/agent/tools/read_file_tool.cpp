#include "core/agent/tools/read_file_tool.h"

#include <cstdio>
#include <fstream>
#include <system_error>

#include "core/agent/tools/file_io.h"
#include "core/agent/tools/text_utils.h"
#include "core/agent/tools/workspace_paths.h"

namespace klaude::core::agent {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBinarySniffBytes = 8192;

std::string numbered(std::size_t number, std::string_view text) {
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "%6zu\t", number);
    return prefix + std::string(text) + "\n";
}

}  // namespace

std::string ReadFileTool::description() const {
    return "Read a text file. Lines come numbered (number, tab, text); the numbers are not part "
           "of the file. Reads up to 2000 lines from `offset` (1-based, default 1); use "
           "`offset`/`limit` to page through long files.";
}

std::vector<ParamSpec> ReadFileTool::parameters() const {
    return {
        {"path", ParamType::kString, "File to read, relative to the working directory.", true},
        {"offset", ParamType::kInteger, "First line to show, 1-based (default 1).", false},
        {"limit", ParamType::kInteger, "Maximum number of lines to show (default 2000).", false},
    };
}

ToolResult ReadFileTool::execute(const ToolArgs& args, ToolContext& ctx) {
    std::string raw = args.string_or("path", "");
    auto resolved = resolve_path(ctx, raw, PathAccess::kRead);
    if (!resolved.ok()) {
        return ToolResult::error("read_file: " + resolved.error);
    }
    const fs::path& path = resolved.path;
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (!fs::exists(status)) {
        return ToolResult::error("read_file: no such file: " + raw);
    }
    if (fs::is_directory(status)) {
        return ToolResult::error("read_file: " + raw + " is a directory; use list_dir");
    }
    if (!fs::is_regular_file(status)) {
        return ToolResult::error("read_file: " + raw + " is not a regular file");
    }
    auto size = fs::file_size(path, ec);
    std::string head = read_file_head(path, kBinarySniffBytes);
    if (looks_binary(head)) {
        return ToolResult::error("read_file: " + raw + " is a binary file (" +
                                 std::to_string(size) + " bytes); read_file shows text only");
    }

    std::int64_t offset = args.integer("offset").value_or(1);
    std::int64_t limit =
        args.integer("limit").value_or(static_cast<std::int64_t>(ctx.limits.read_default_lines));
    if (offset < 1) {
        return ToolResult::error("read_file: offset must be 1 or more (it is a line number)");
    }
    if (limit < 1) {
        return ToolResult::error("read_file: limit must be 1 or more");
    }

    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return ToolResult::error("read_file: cannot open " + raw);
    }
    std::string out;
    std::string line;
    std::size_t number = 0;
    std::size_t shown = 0;
    std::size_t first = static_cast<std::size_t>(offset);
    std::size_t last = first + static_cast<std::size_t>(limit) - 1;
    bool byte_cap_hit = false;
    bool more = false;
    while (std::getline(in, line)) {
        ++number;
        if (number < first) {
            continue;
        }
        if (number > last || byte_cap_hit) {
            more = true;
            break;
        }
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        std::string entry =
            numbered(number, clip_line(to_valid_utf8(line), ctx.limits.max_line_chars));
        if (out.size() + entry.size() > ctx.limits.read_output_bytes && shown > 0) {
            byte_cap_hit = true;
            more = true;
            --number;
            break;
        }
        out += entry;
        ++shown;
    }
    if (number == 0) {
        return ToolResult::success("(" + raw + " is empty)");
    }
    if (shown == 0) {
        return ToolResult::error("read_file: offset " + std::to_string(offset) +
                                 " is past the end of " + raw + ", which has " +
                                 std::to_string(number) + " lines");
    }
    if (more) {
        std::size_t last_shown = first + shown - 1;
        out += "[showing lines " + std::to_string(first) + "-" + std::to_string(last_shown) +
               (byte_cap_hit ? " (output size cap)" : "") + "; more follow: use offset " +
               std::to_string(last_shown + 1) + " to continue]\n";
    }
    return ToolResult::success(out);
}

}  // namespace klaude::core::agent
