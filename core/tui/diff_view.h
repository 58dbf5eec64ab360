// Unified diffs as the interactive session shows them: in the approval prompt before an edit,
// and for /diff. File headers bold, hunk headers cyan, added lines green, removed lines red; a
// long diff is cut with a marker that says how much is left out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/agent/tools/tool.h"
#include "core/tui/theme.h"

namespace klaude::core::tui {

// The rows of `unified` (as make_unified_diff writes it), each ending in '\n'. When it has more
// than `max_rows` lines (0: no limit), the first max_rows - 1 are shown, then
// "⋮ 214 more lines (+120 -94 in all)". Without `unicode` the marker starts with "...".
std::string render_diff(std::string_view unified, const Theme& theme, std::size_t max_rows,
                        bool unicode);

// How many diff rows an approval prompt shows on a terminal of `terminal_rows` rows: all but
// room for the summary and the question, and never fewer than 20.
std::size_t diff_rows_for(int terminal_rows);

// "+3 -1 src/calc.py", the counts coloured as in a diff.
std::string edit_summary(const agent::FileEdit& edit, const Theme& theme);

}  // namespace klaude::core::tui
