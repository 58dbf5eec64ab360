#include "core/agent/tools/patch_applier.h"

#include <algorithm>
#include <map>
#include <system_error>
#include <tuple>
#include <utility>

#include "core/agent/tools/file_io.h"
#include "core/agent/tools/text_utils.h"
#include "core/agent/tools/unified_diff.h"
#include "core/agent/tools/workspace_paths.h"

namespace klaude::core::agent {
namespace fs = std::filesystem;

namespace {

std::string trim_right(std::string_view s) {
    std::size_t e = s.find_last_not_of(" \t\r");
    return e == std::string_view::npos ? std::string() : std::string(s.substr(0, e + 1));
}

std::string trim_both(std::string_view s) {
    std::size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) {
        return {};
    }
    return trim_right(s.substr(b));
}

// Typographic punctuation a model tends to write as ASCII (and vice versa).
std::string normalise_punctuation(std::string_view s) {
    static const std::pair<std::string_view, char> kMap[] = {
        {"\u2010", '-'},  {"\u2011", '-'}, {"\u2012", '-'},  {"\u2013", '-'},  {"\u2014", '-'},
        {"\u2015", '-'},  {"\u2212", '-'}, {"\u2018", '\''}, {"\u2019", '\''}, {"\u201A", '\''},
        {"\u201B", '\''}, {"\u201C", '"'}, {"\u201D", '"'},  {"\u201E", '"'},  {"\u201F", '"'},
        {"\u00A0", ' '},  {"\u2002", ' '}, {"\u2003", ' '},  {"\u2004", ' '},  {"\u2005", ' '},
        {"\u2006", ' '},  {"\u2007", ' '}, {"\u2008", ' '},  {"\u2009", ' '},  {"\u200A", ' '},
        {"\u202F", ' '},  {"\u205F", ' '}, {"\u3000", ' '},
    };
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        bool replaced = false;
        if (static_cast<unsigned char>(s[i]) >= 0x80) {
            for (const auto& [from, to] : kMap) {
                if (s.substr(i, from.size()) == from) {
                    out += to;
                    i += from.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) {
            out += s[i++];
        }
    }
    return trim_both(out);
}

// Where `pattern` occurs in `lines` at or after `start`, trying ever looser comparisons:
// exact, ignoring trailing whitespace, ignoring surrounding whitespace, and ignoring
// typographic punctuation. With `at_end` the end of the file is tried first.
std::optional<std::size_t> seek(const std::vector<std::string>& lines,
                                const std::vector<std::string>& pattern, std::size_t start,
                                bool at_end) {
    if (pattern.empty()) {
        return start;
    }
    if (pattern.size() > lines.size()) {
        return std::nullopt;
    }
    const std::size_t last = lines.size() - pattern.size();
    using Normalise = std::string (*)(std::string_view);
    static const Normalise kPasses[] = {
        [](std::string_view s) { return std::string(s); },
        [](std::string_view s) { return trim_right(s); },
        [](std::string_view s) { return trim_both(s); },
        [](std::string_view s) { return normalise_punctuation(s); },
    };
    for (Normalise norm : kPasses) {
        auto matches_at = [&](std::size_t i) {
            for (std::size_t k = 0; k < pattern.size(); ++k) {
                if (norm(lines[i + k]) != norm(pattern[k])) {
                    return false;
                }
            }
            return true;
        };
        if (at_end && last >= start && matches_at(last)) {
            return last;
        }
        for (std::size_t i = start; i <= last; ++i) {
            if (matches_at(i)) {
                return i;
            }
        }
    }
    return std::nullopt;
}

// The hunk's new lines with every context line taken from the file as it matched: the patch's
// copy may differ in whitespace or punctuation, and a patch should not change what it only
// quotes. Returns `replacement` as is when `kinds` does not describe the hunk.
std::vector<std::string> keep_file_context(const std::vector<std::string>& lines, std::size_t at,
                                           const std::string& kinds,
                                           const std::vector<std::string>& pattern,
                                           const std::vector<std::string>& replacement) {
    auto count = [&](char k) {
        return static_cast<std::size_t>(std::count(kinds.begin(), kinds.end(), k));
    };
    if (count(' ') + count('-') != pattern.size() ||
        count(' ') + count('+') != replacement.size()) {
        return replacement;
    }
    std::vector<std::string> out;
    std::size_t old_i = 0;
    std::size_t new_i = 0;
    for (char k : kinds) {
        if (k == ' ') {
            out.push_back(lines[at + old_i++]);
            ++new_i;
        } else if (k == '-') {
            ++old_i;
        } else {
            out.push_back(replacement[new_i++]);
        }
    }
    return out;
}

std::string quote_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
        out += "    " + l + "\n";
    }
    return out;
}

// What the patch needs to know about a path: its content now, as the earlier operations of
// the same patch left it.
class Overlay {
  public:
    // Current content; nullopt if absent. `error` set when it exists but is not a text file.
    std::optional<std::string> content(const fs::path& path, const std::string& shown,
                                       std::string* error) {
        auto it = states_.find(path);
        if (it != states_.end()) {
            return it->second;
        }
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (!fs::exists(status)) {
            return std::nullopt;
        }
        if (!fs::is_regular_file(status)) {
            *error = shown + " is not a regular file";
            return std::nullopt;
        }
        auto text = read_text_file(path, error);
        if (text && looks_binary(std::string_view(*text).substr(0, 8192))) {
            *error = shown + " is a binary file; apply_patch edits text files only";
            return std::nullopt;
        }
        return text;
    }

    void set(const fs::path& path, std::optional<std::string> content) {
        if (states_.find(path) == states_.end()) {
            order_.push_back(path);
        }
        states_[path] = std::move(content);
    }

    std::vector<std::pair<fs::path, std::optional<std::string>>> final_states() const {
        std::vector<std::pair<fs::path, std::optional<std::string>>> out;
        for (const auto& p : order_) {
            out.emplace_back(p, states_.at(p));
        }
        return out;
    }

  private:
    std::map<fs::path, std::optional<std::string>> states_;
    std::vector<fs::path> order_;
};

}  // namespace

std::optional<std::string> apply_hunks(const std::string& original,
                                       const std::vector<PatchHunk>& hunks,
                                       const std::string& shown_path, std::string* error) {
    // Keep the file's line ending: a CRLF file is matched without the CRs and written with them.
    std::size_t crlf = 0;
    std::size_t lf = 0;
    for (std::size_t i = 0; i < original.size(); ++i) {
        if (original[i] == '\n') {
            ++lf;
            crlf += (i > 0 && original[i - 1] == '\r') ? 1 : 0;
        }
    }
    const std::string eol = (lf > 0 && crlf * 2 > lf) ? "\r\n" : "\n";
    std::vector<std::string> lines = split_lines(original);

    // (start, count of old lines, replacement)
    std::vector<std::tuple<std::size_t, std::size_t, std::vector<std::string>>> replacements;
    std::size_t line_index = 0;
    for (std::size_t h = 0; h < hunks.size(); ++h) {
        const PatchHunk& hunk = hunks[h];
        std::string which = "hunk " + std::to_string(h + 1) + " of " + shown_path;
        for (const auto& context : hunk.contexts) {
            auto at = seek(lines, {context}, line_index, false);
            if (!at) {
                *error = which + ": cannot find the context line '@@ " + context + "'";
                return std::nullopt;
            }
            line_index = *at + 1;
        }
        if (hunk.old_lines.empty()) {
            // Nothing to anchor on: after the @@ context if given, else at the end.
            std::size_t at =
                (!hunk.contexts.empty() && !hunk.end_of_file) ? line_index : lines.size();
            replacements.emplace_back(at, 0, hunk.new_lines);
            continue;
        }
        std::vector<std::string> pattern = hunk.old_lines;
        std::vector<std::string> replacement = hunk.new_lines;
        std::string kinds = hunk.kinds;
        auto at = seek(lines, pattern, line_index, hunk.end_of_file);
        if (!at && pattern.back().empty()) {
            // A blank line after the hunk was read as empty context; try without it.
            pattern.pop_back();
            if (!replacement.empty() && replacement.back().empty()) {
                replacement.pop_back();
            }
            if (!kinds.empty() && kinds.back() == ' ') {
                kinds.pop_back();
            }
            at = seek(lines, pattern, line_index, hunk.end_of_file);
        }
        if (!at) {
            *error = which + " does not match the file; these lines were not found" +
                     (line_index > 0 ? " after line " + std::to_string(line_index) : "") + ":\n" +
                     quote_lines(hunk.old_lines) +
                     "Read the file again and make the ' ' and '-' lines match it exactly.";
            return std::nullopt;
        }
        replacements.emplace_back(*at, pattern.size(),
                                  keep_file_context(lines, *at, kinds, pattern, replacement));
        line_index = *at + pattern.size();
    }
    // Later hunks first, so earlier indices stay valid. stable_sort keeps insertions at the
    // same place in patch order (they are applied in reverse below).
    std::stable_sort(replacements.begin(), replacements.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
    for (auto it = replacements.rbegin(); it != replacements.rend(); ++it) {
        auto& [start, count, with] = *it;
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(start),
                    lines.begin() + static_cast<std::ptrdiff_t>(start + count));
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(start), with.begin(), with.end());
    }
    std::string out;
    for (const auto& l : lines) {
        out += l;
        out += eol;
    }
    return out;
}

std::optional<PatchPlan> plan_patch(const Patch& patch, const ToolContext& ctx,
                                    std::string* error) {
    PatchPlan plan;
    Overlay overlay;
    auto resolve = [&](const std::string& raw, fs::path* out) {
        auto resolved = resolve_path(ctx, raw, PathAccess::kWrite);
        if (!resolved.ok()) {
            *error = resolved.error;
            return false;
        }
        *out = resolved.path;
        return true;
    };
    for (const PatchOp& op : patch.ops) {
        fs::path path;
        if (!resolve(op.path, &path)) {
            return std::nullopt;
        }
        PlannedOp planned;
        planned.shown_path = display_path(ctx, path);
        planned.shown_dest = planned.shown_path;
        std::string read_error;
        planned.before = overlay.content(path, planned.shown_path, &read_error);
        if (!read_error.empty()) {
            *error = read_error;
            return std::nullopt;
        }
        std::error_code ec;
        switch (op.type) {
            case PatchOpType::kAdd:
                if (!planned.before && fs::is_directory(path, ec)) {
                    *error = "cannot add " + planned.shown_path + ": it is a directory";
                    return std::nullopt;
                }
                // Like Codex, Add over an existing file replaces it (the diff shows that).
                planned.letter = 'A';
                planned.after = op.add_content;
                overlay.set(path, planned.after);
                break;
            case PatchOpType::kDelete:
                if (!planned.before) {
                    *error = "cannot delete " + planned.shown_path + ": no such file";
                    return std::nullopt;
                }
                planned.letter = 'D';
                overlay.set(path, std::nullopt);
                break;
            case PatchOpType::kUpdate: {
                if (!planned.before) {
                    *error = "cannot update " + planned.shown_path +
                             ": no such file (use "
                             "'*** Add File:' to create one)";
                    return std::nullopt;
                }
                auto updated = apply_hunks(*planned.before, op.hunks, planned.shown_path, error);
                if (!updated) {
                    return std::nullopt;
                }
                planned.letter = 'M';
                planned.after = std::move(updated);
                fs::path dest = path;
                if (!op.move_to.empty()) {
                    if (!resolve(op.move_to, &dest)) {
                        return std::nullopt;
                    }
                    if (fs::is_directory(dest, ec)) {
                        *error = "cannot move to " + op.move_to + ": it is a directory";
                        return std::nullopt;
                    }
                    planned.shown_dest = display_path(ctx, dest);
                }
                if (dest != path) {
                    overlay.set(path, std::nullopt);
                }
                overlay.set(dest, planned.after);
                break;
            }
        }
        std::string old_label = planned.before ? "a/" + planned.shown_path : "/dev/null";
        std::string new_label = planned.after ? "b/" + planned.shown_dest : "/dev/null";
        UnifiedDiff diff = make_unified_diff(planned.before.value_or(""),
                                             planned.after.value_or(""), old_label, new_label);
        if (diff.text.empty() && planned.shown_dest != planned.shown_path) {
            diff.text = "--- " + old_label + "\n+++ " + new_label + "\n";  // a pure rename
        }
        plan.diff += diff.text;
        planned.added = diff.added;
        planned.removed = diff.removed;
        plan.added += diff.added;
        plan.removed += diff.removed;
        plan.ops.push_back(std::move(planned));
    }
    plan.final_states = overlay.final_states();
    return plan;
}

bool commit_patch(const PatchPlan& plan, std::string* error) {
    // Phase 1: every new content into a temp file beside its target. Nothing visible yet.
    std::vector<fs::path> created_dirs;
    std::vector<std::pair<fs::path, fs::path>> renames;  // temp -> target
    auto roll_back = [&] {
        for (const auto& [temp, target] : renames) {
            discard_temp_file(temp);
        }
        for (auto it = created_dirs.rbegin(); it != created_dirs.rend(); ++it) {
            std::error_code ec;
            fs::remove(*it, ec);  // only succeeds while empty, which is what we want
        }
        *error += "; no file was changed";
    };
    for (const auto& [path, content] : plan.final_states) {
        if (!content) {
            continue;
        }
        if (!create_parent_dirs(path, &created_dirs, error)) {
            roll_back();
            return false;
        }
        fs::path temp = write_temp_beside(path, *content, error);
        if (temp.empty()) {
            roll_back();
            return false;
        }
        renames.emplace_back(temp, path);
    }
    // Phase 2: renames and removals. These fail only in unusual cases (the directory changed
    // under us); the error then says which files were already changed.
    std::vector<std::string> done;
    for (std::size_t i = 0; i < renames.size(); ++i) {
        if (!commit_temp_file(renames[i].first, renames[i].second, error)) {
            for (std::size_t k = i + 1; k < renames.size(); ++k) {
                discard_temp_file(renames[k].first);
            }
            if (!done.empty()) {
                *error += "; already written: ";
                for (const auto& d : done) {
                    *error += d + " ";
                }
            }
            return false;
        }
        done.push_back(renames[i].second.string());
    }
    for (const auto& [path, content] : plan.final_states) {
        if (content) {
            continue;
        }
        std::error_code ec;
        if (fs::exists(fs::symlink_status(path, ec)) && !fs::remove(path, ec)) {
            *error = "cannot delete " + path.string() + ": " + ec.message();
            return false;
        }
    }
    return true;
}

std::string summarize_plan(const PatchPlan& plan) {
    std::string out;
    for (const auto& op : plan.ops) {
        out += op.letter;
        out += ' ';
        out += op.letter == 'M' && op.shown_dest != op.shown_path
                   ? op.shown_dest + " (moved from " + op.shown_path + ")"
                   : op.shown_path;
        out += '\n';
    }
    return out;
}

}  // namespace klaude::core::agent
