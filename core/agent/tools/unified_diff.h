// The one unified-diff generator of the tools: write_file and apply_patch show their change to
// the user with it before asking for approval.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace klaude::core::agent {

struct UnifiedDiff {
    std::string text;         // empty when the texts are equal
    std::size_t added = 0;    // lines
    std::size_t removed = 0;  // lines
};

// A unified diff (as `diff -u` prints it) from `old_text` to `new_text`, headed by
// "--- old_label" / "+++ new_label" (use "/dev/null" for a created or deleted file), with
// `context` lines around each change. Lines differing only in a missing final newline are
// shown with "\ No newline at end of file".
UnifiedDiff make_unified_diff(std::string_view old_text, std::string_view new_text,
                              std::string_view old_label, std::string_view new_label,
                              std::size_t context = 3);

}  // namespace klaude::core::agent
