#include "core/agent/tools/apply_patch_tool.h"

#include "core/agent/tools/change_journal.h"
#include "core/agent/tools/patch_applier.h"
#include "core/agent/tools/patch_parser.h"

namespace klaude::core::agent {

std::string ApplyPatchTool::description() const {
    return R"(Edit files with a patch. The patch is checked completely before anything is written: if any part does not apply, no file changes. Format:
*** Begin Patch
*** Add File: path/new.txt
+every line of the new file, each prefixed with +
*** Delete File: path/old.txt
*** Update File: path/file.py
*** Move to: path/renamed.py   (optional)
@@ def some_function():   (optional context line: class/function the hunk is in)
 unchanged line (3 lines of context before and after each change)
-removed line
+added line
*** End of File   (optional: the hunk is at the end of the file)
*** End Patch
Paths are relative to the working directory. Hunks of one file appear in file order; use several @@ lines to disambiguate repeated code.)";
}

std::vector<ParamSpec> ApplyPatchTool::parameters() const {
    return {
        {"input", ParamType::kString, "The whole patch, from '*** Begin Patch' to '*** End Patch'.",
         true},
    };
}

ToolResult ApplyPatchTool::execute(const ToolArgs& args, ToolContext& ctx) {
    std::string error;
    auto patch = parse_patch(args.string_or("input", ""), &error);
    if (!patch) {
        return ToolResult::error("apply_patch: invalid patch: " + error + ". No file was changed.");
    }
    auto plan = plan_patch(*patch, ctx, &error);
    if (!plan) {
        return ToolResult::error("apply_patch: " + error + "\nNo file was changed.");
    }
    ApprovalRequest request;
    std::string files;
    for (const auto& op : plan->ops) {
        files += files.empty() ? "" : ", ";
        files += op.shown_dest;
        request.paths.push_back(op.shown_path);
        if (op.shown_dest != op.shown_path) {
            request.paths.push_back(op.shown_dest);
        }
    }
    request.summary = "patch " + files + " (+" + std::to_string(plan->added) + " -" +
                      std::to_string(plan->removed) + ")";
    request.diff = plan->diff;
    if (!approved(ctx, request)) {
        return ToolResult::denial();
    }
    if (ctx.journal != nullptr) {
        for (const auto& [path, content] : plan->final_states) {
            ctx.journal->before_write(path);
        }
    }
    if (!commit_patch(*plan, &error)) {
        return ToolResult::error("apply_patch: " + error);
    }
    ToolResult result =
        ToolResult::success("Success. Updated the following files:\n" + summarize_plan(*plan));
    for (const auto& op : plan->ops) {
        result.edits.push_back({op.shown_dest, op.added, op.removed});
    }
    return result;
}

std::string ApplyPatchTool::call_subject(const ToolArgs& args) const {
    auto patch = parse_patch(args.string_or("input", ""), nullptr);
    if (!patch) {
        return "(invalid patch)";
    }
    std::string files;
    for (const auto& op : patch->ops) {
        files += files.empty() ? "" : ", ";
        files += op.move_to.empty() ? op.path : op.path + " -> " + op.move_to;
    }
    return files;
}

}  // namespace klaude::core::agent
