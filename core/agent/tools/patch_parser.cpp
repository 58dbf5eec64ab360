#include "core/agent/tools/patch_parser.h"

namespace klaude::core::agent {
namespace {

constexpr std::string_view kBegin = "*** Begin Patch";
constexpr std::string_view kEnd = "*** End Patch";
constexpr std::string_view kAdd = "*** Add File:";
constexpr std::string_view kDelete = "*** Delete File:";
constexpr std::string_view kUpdate = "*** Update File:";
constexpr std::string_view kMove = "*** Move to:";
constexpr std::string_view kEndOfFile = "*** End of File";

std::string_view trim(std::string_view s) {
    std::size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) {
        return {};
    }
    std::size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string_view> split_patch_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        if (nl == std::string_view::npos) {
            break;
        }
        start = nl + 1;
    }
    return lines;
}

class Parser {
  public:
    Parser(std::vector<std::string_view> lines, std::size_t first_line_number)
        : lines_(std::move(lines)), base_(first_line_number) {}

    std::optional<Patch> parse(std::string* error) {
        Patch patch;
        // lines_[0] is "*** Begin Patch", lines_.back() is "*** End Patch" (checked by caller).
        i_ = 1;
        end_ = lines_.size() - 1;
        while (i_ < end_) {
            std::string_view t = trim(lines_[i_]);
            if (t.empty()) {
                ++i_;
                continue;
            }
            PatchOp op;
            op.line = number(i_);
            if (starts_with(t, kAdd)) {
                op.type = PatchOpType::kAdd;
                op.path = std::string(trim(t.substr(kAdd.size())));
                ++i_;
                while (i_ < end_ && starts_with(lines_[i_], "+")) {
                    op.add_content += std::string(lines_[i_].substr(1)) + "\n";
                    ++i_;
                }
            } else if (starts_with(t, kDelete)) {
                op.type = PatchOpType::kDelete;
                op.path = std::string(trim(t.substr(kDelete.size())));
                ++i_;
            } else if (starts_with(t, kUpdate)) {
                op.type = PatchOpType::kUpdate;
                op.path = std::string(trim(t.substr(kUpdate.size())));
                ++i_;
                if (i_ < end_ && starts_with(trim(lines_[i_]), kMove)) {
                    op.move_to = std::string(trim(trim(lines_[i_]).substr(kMove.size())));
                    if (op.move_to.empty()) {
                        return fail(error, i_, "'*** Move to:' needs a path");
                    }
                    ++i_;
                }
                if (!parse_hunks(op, error)) {
                    return std::nullopt;
                }
                if (op.hunks.empty() && op.move_to.empty()) {
                    return fail(error, op.line - base_,
                                "'*** Update File: " + op.path +
                                    "' has no hunks; add '@@' hunks "
                                    "with ' ', '-' and '+' lines");
                }
            } else {
                return fail(error, i_,
                            "expected '*** Add File: <path>', '*** Delete File: <path>' or "
                            "'*** Update File: <path>', got '" +
                                std::string(t) + "'");
            }
            if (op.path.empty()) {
                return fail(error, op.line - base_, "the file operation needs a path");
            }
            patch.ops.push_back(std::move(op));
        }
        if (patch.ops.empty()) {
            if (error != nullptr) {
                *error = "the patch contains no file operations";
            }
            return std::nullopt;
        }
        return patch;
    }

  private:
    std::size_t number(std::size_t index) const { return base_ + index; }

    std::optional<Patch> fail(std::string* error, std::size_t index, const std::string& what) {
        if (error != nullptr) {
            *error = "patch line " + std::to_string(number(index)) + ": " + what;
        }
        return std::nullopt;
    }

    bool parse_hunks(PatchOp& op, std::string* error) {
        while (i_ < end_) {
            std::string_view line = lines_[i_];
            std::string_view t = trim(line);
            if (t.empty() && !starts_with(line, " ")) {
                ++i_;  // blank lines between hunks
                continue;
            }
            if (starts_with(t, "***")) {
                return true;  // the next file operation
            }
            PatchHunk hunk;
            bool had_marker = false;
            while (i_ < end_ && starts_with(trim(lines_[i_]), "@@")) {
                had_marker = true;
                std::string_view rest = trim(lines_[i_]).substr(2);
                if (!trim(rest).empty()) {
                    hunk.contexts.emplace_back(starts_with(rest, " ") ? rest.substr(1) : rest);
                }
                ++i_;
            }
            if (!had_marker && !op.hunks.empty()) {
                fail(error, i_,
                     "expected '@@' to start the next hunk, got '" + std::string(line) + "'");
                return false;
            }
            std::size_t body = 0;
            while (i_ < end_) {
                std::string_view l = lines_[i_];
                if (trim(l) == kEndOfFile) {
                    hunk.end_of_file = true;
                    ++i_;
                    break;
                }
                if (l.empty()) {
                    hunk.old_lines.emplace_back();
                    hunk.new_lines.emplace_back();
                    hunk.kinds += ' ';
                } else if (l[0] == ' ') {
                    hunk.old_lines.emplace_back(l.substr(1));
                    hunk.new_lines.emplace_back(l.substr(1));
                    hunk.kinds += ' ';
                } else if (l[0] == '-') {
                    hunk.old_lines.emplace_back(l.substr(1));
                    hunk.kinds += '-';
                } else if (l[0] == '+') {
                    hunk.new_lines.emplace_back(l.substr(1));
                    hunk.kinds += '+';
                } else {
                    if (body == 0 && !starts_with(trim(l), "***") && !starts_with(trim(l), "@@")) {
                        fail(error, i_,
                             "unexpected line in a hunk: '" + std::string(l) +
                                 "'; every hunk line starts with ' ' (context), '-' (remove) or "
                                 "'+' (add)");
                        return false;
                    }
                    break;
                }
                ++body;
                ++i_;
            }
            // Blank separator lines at the end of a hunk were read as empty context; they are
            // kept (the applier retries without a trailing empty line, as Codex does).
            if (body == 0) {
                fail(error, i_, "hunk in '" + op.path + "' has no lines");
                return false;
            }
            op.hunks.push_back(std::move(hunk));
        }
        return true;
    }

    std::vector<std::string_view> lines_;
    std::size_t base_;
    std::size_t i_ = 0;
    std::size_t end_ = 0;
};

}  // namespace

std::optional<Patch> parse_patch(std::string_view text, std::string* error) {
    auto lines = split_patch_lines(text);
    // Drop blank lines around the patch; remember how many leading ones for line numbers.
    std::size_t first = 0;
    while (first < lines.size() && trim(lines[first]).empty()) {
        ++first;
    }
    while (!lines.empty() && lines.size() > first && trim(lines.back()).empty()) {
        lines.pop_back();
    }
    lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(first));
    std::size_t base = first + 1;

    // A heredoc wrapper (apply_patch <<'EOF' … EOF) is what some models send.
    if (lines.size() >= 4) {
        std::string_view head = trim(lines.front());
        if ((head == "<<EOF" || head == "<<'EOF'" || head == "<<\"EOF\"") &&
            trim(lines.back()) == "EOF") {
            lines.erase(lines.begin());
            lines.pop_back();
            ++base;
        }
    }
    if (lines.empty() || trim(lines.front()) != kBegin) {
        if (error != nullptr) {
            *error = "the first line of the patch must be '*** Begin Patch'";
        }
        return std::nullopt;
    }
    if (lines.size() < 2 || trim(lines.back()) != kEnd) {
        if (error != nullptr) {
            *error = "the last line of the patch must be '*** End Patch'";
        }
        return std::nullopt;
    }
    return Parser(std::move(lines), base).parse(error);
}

}  // namespace klaude::core::agent
