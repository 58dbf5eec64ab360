#include "core/tui/diff_view.h"

#include <algorithm>
#include <vector>

#include "core/tui/text_width.h"

namespace klaude::core::tui {

namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

bool starts_with(std::string_view line, std::string_view prefix) {
    return line.substr(0, prefix.size()) == prefix;
}

// Which role a line of the diff takes. "--- x" is a file header only when "+++ " follows it
// (inside a hunk it is a removed line "-- x"); likewise "+++ " only right after such a header.
Role role_of(const std::vector<std::string_view>& lines, std::size_t i, bool after_header) {
    const std::string_view line = lines[i];
    if (starts_with(line, "--- ") && i + 1 < lines.size() && starts_with(lines[i + 1], "+++ ")) {
        return Role::kDiffFile;
    }
    if (after_header && starts_with(line, "+++ ")) {
        return Role::kDiffFile;
    }
    if (starts_with(line, "@@")) {
        return Role::kDiffHunk;
    }
    if (starts_with(line, "+")) {
        return Role::kDiffAdd;
    }
    if (starts_with(line, "-")) {
        return Role::kDiffDel;
    }
    if (starts_with(line, "\\")) {
        return Role::kDim;  // "\ No newline at end of file"
    }
    if (starts_with(line, " ")) {
        return Role::kPlain;
    }
    return Role::kDiffFile;  // "Binary file ... changed" and other notes about a file
}

}  // namespace

std::string render_diff(std::string_view unified, const Theme& theme, std::size_t max_rows,
                        bool unicode) {
    const std::vector<std::string_view> lines = lines_of(unified);
    std::vector<Role> roles(lines.size());
    std::size_t added = 0;
    std::size_t removed = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        roles[i] = role_of(lines, i, i > 0 && roles[i - 1] == Role::kDiffFile);
        added += roles[i] == Role::kDiffAdd ? 1 : 0;
        removed += roles[i] == Role::kDiffDel ? 1 : 0;
    }
    const bool cut = max_rows > 0 && lines.size() > max_rows;
    const std::size_t shown = cut ? std::max<std::size_t>(max_rows, 1) - 1 : lines.size();
    std::string out;
    for (std::size_t i = 0; i < shown; ++i) {
        std::string text;
        append_visible(text, lines[i], unicode);
        theme.paint(out, roles[i], text);
        out += '\n';
    }
    if (cut) {
        const std::string marker =
            std::string(unicode ? "⋮ " : "... ") + std::to_string(lines.size() - shown) +
            " more lines (+" + std::to_string(added) + " -" + std::to_string(removed) + " in all)";
        theme.paint(out, Role::kDim, marker);
        out += '\n';
    }
    return out;
}

std::size_t diff_rows_for(int terminal_rows) {
    constexpr int kMinimum = 20;
    constexpr int kAroundTheDiff = 12;  // summary, question, answer, and some of the turn above
    return static_cast<std::size_t>(std::max(kMinimum, terminal_rows - kAroundTheDiff));
}

std::string edit_summary(const agent::FileEdit& edit, const Theme& theme) {
    std::string out;
    theme.paint(out, Role::kDiffAdd, "+" + std::to_string(edit.added));
    out += ' ';
    theme.paint(out, Role::kDiffDel, "-" + std::to_string(edit.removed));
    out += ' ';
    append_visible(out, edit.path, true);
    return out;
}

}  // namespace klaude::core::tui
