// Applies a parsed patch in two phases. plan_patch reads the files and works out every new
// content in memory — any hunk that does not match fails the whole plan, before anything is
// written. commit_patch then writes all new contents to temporary files first and only renames
// them into place (and deletes) once every one of them was written.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/agent/tools/patch_parser.h"
#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

// One file operation of the patch, resolved: its content before and after.
struct PlannedOp {
    char letter = 'M';  // A added, M modified (possibly moved), D deleted
    std::string shown_path;
    std::string shown_dest;             // differs from shown_path for a move
    std::optional<std::string> before;  // nullopt: the file did not exist
    std::optional<std::string> after;   // nullopt: the file is deleted
    std::size_t added = 0;              // lines, as the op's diff counts them
    std::size_t removed = 0;
};

struct PatchPlan {
    std::vector<PlannedOp> ops;
    // Final state per touched path (nullopt: remove it), in the order first touched.
    std::vector<std::pair<std::filesystem::path, std::optional<std::string>>> final_states;
    std::string diff;  // unified diff of every op, for the approval prompt
    std::size_t added = 0;
    std::size_t removed = 0;
};

// Resolves every path (writes must stay inside ctx.cwd unless allowed) and computes the new
// contents. nullopt with `error` when any path is refused or any hunk does not apply.
std::optional<PatchPlan> plan_patch(const Patch& patch, const ToolContext& ctx, std::string* error);

// Writes the plan. false with `error` if it could not; when the failure happens before the
// first rename (the usual case: disk full, permission) no file was changed.
bool commit_patch(const PatchPlan& plan, std::string* error);

// "A path" / "M path" / "M new (moved from old)" / "D path" lines.
std::string summarize_plan(const PatchPlan& plan);

// The new content of a file after `hunks`, or nullopt with `error` naming the hunk that does
// not match. Exposed for tests.
std::optional<std::string> apply_hunks(const std::string& original,
                                       const std::vector<PatchHunk>& hunks,
                                       const std::string& shown_path, std::string* error);

}  // namespace klaude::core::agent
