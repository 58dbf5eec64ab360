#include "core/agent/tools/write_file_tool.h"

#include <system_error>

#include "core/agent/tools/change_journal.h"
#include "core/agent/tools/file_io.h"
#include "core/agent/tools/text_utils.h"
#include "core/agent/tools/unified_diff.h"
#include "core/agent/tools/workspace_paths.h"

namespace klaude::core::agent {
namespace fs = std::filesystem;

std::string WriteFileTool::description() const {
    return "Create a file or replace its whole content. Parent directories are created. For "
           "changing part of an existing file prefer apply_patch.";
}

std::vector<ParamSpec> WriteFileTool::parameters() const {
    return {
        {"path", ParamType::kString, "File to write, relative to the working directory.", true},
        {"content", ParamType::kString, "The complete new content of the file.", true},
    };
}

ToolResult WriteFileTool::execute(const ToolArgs& args, ToolContext& ctx) {
    std::string raw = args.string_or("path", "");
    std::string content = args.string_or("content", "");
    auto resolved = resolve_path(ctx, raw, PathAccess::kWrite);
    if (!resolved.ok()) {
        return ToolResult::error("write_file: " + resolved.error);
    }
    const fs::path& path = resolved.path;
    std::string shown = display_path(ctx, path);
    std::error_code ec;
    auto status = fs::status(path, ec);
    bool exists = fs::exists(status);
    if (exists && !fs::is_regular_file(status)) {
        return ToolResult::error("write_file: " + shown + " exists and is not a regular file");
    }
    std::string old_content;
    if (exists) {
        std::string error;
        auto text = read_text_file(path, &error);
        if (!text) {
            return ToolResult::error("write_file: " + error);
        }
        old_content = std::move(*text);
    }

    ApprovalRequest request;
    request.paths = {shown};
    FileEdit edit{shown, 0, 0};
    std::string stats = "was binary";
    if (exists && looks_binary(old_content.substr(0, 8192))) {
        request.diff = "Binary file " + shown + " would be replaced (" +
                       std::to_string(old_content.size()) + " -> " +
                       std::to_string(content.size()) + " bytes)\n";
        request.summary = "overwrite binary file " + shown;
    } else {
        UnifiedDiff diff = make_unified_diff(old_content, content,
                                             exists ? "a/" + shown : "/dev/null", "b/" + shown);
        request.diff = diff.text;
        edit.added = diff.added;
        edit.removed = diff.removed;
        stats = "+" + std::to_string(diff.added) + " -" + std::to_string(diff.removed) + " lines";
        request.summary = (exists ? "edit " : "create ") + shown + " (" + stats + ")";
    }
    if (!approved(ctx, request)) {
        return ToolResult::denial();
    }
    if (exists && old_content == content) {
        return ToolResult::success("No change: " + shown + " already has this content.");
    }
    if (ctx.journal != nullptr) {
        ctx.journal->before_write(path);
    }
    std::string error;
    if (!write_file_atomically(path, content, &error)) {
        return ToolResult::error("write_file: " + error);
    }
    ToolResult result =
        ToolResult::success((exists ? "Updated " : "Created ") + shown + " (" +
                            std::to_string(content.size()) + " bytes, " + stats + ")");
    result.edits.push_back(std::move(edit));
    return result;
}

}  // namespace klaude::core::agent
