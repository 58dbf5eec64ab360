// Parser for the Codex `*** Begin Patch` format used by the apply_patch tool:
//
//   *** Begin Patch
//   *** Add File: <path>          then "+line" for every line of the new file
//   *** Delete File: <path>
//   *** Update File: <path>
//   *** Move to: <new path>       optional, right after Update File
//   @@ <optional context line>    one or more; each narrows where the hunk applies
//    context / -removed / +added  lines (first char ' ', '-', '+'; an empty line is empty context)
//   *** End of File               optional: the hunk must match at the end of the file
//   *** End Patch
//
// Like Codex, the markers tolerate surrounding whitespace, the first hunk of an Update may omit
// its "@@", and a patch wrapped in a shell heredoc (<<'EOF' … EOF) is unwrapped. Unlike Codex,
// an Update with a Move and no hunks (a pure rename) is accepted.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace klaude::core::agent {

struct PatchHunk {
    std::vector<std::string> contexts;  // "@@ <text>" lines, sought in order before old_lines
    std::vector<std::string> old_lines;
    std::vector<std::string> new_lines;
    // The body in order: ' ' context, '-' removed, '+' added (lets the applier keep the file's
    // own spelling of context lines that matched only loosely).
    std::string kinds;
    bool end_of_file = false;
};

enum class PatchOpType { kAdd, kDelete, kUpdate };

struct PatchOp {
    PatchOpType type = PatchOpType::kAdd;
    std::string path;
    std::string move_to;      // Update only; empty when not moved
    std::string add_content;  // Add only; every line ends with "\n"
    std::vector<PatchHunk> hunks;
    std::size_t line = 0;  // 1-based line of the op's header in the patch text
};

struct Patch {
    std::vector<PatchOp> ops;
};

// Parses the whole patch or nothing: on error returns nullopt and sets `error` to one line
// naming the patch line and what was expected.
std::optional<Patch> parse_patch(std::string_view text, std::string* error);

}  // namespace klaude::core::agent
