#include "core/tui/markdown_stream.h"

#include <algorithm>
#include <cstring>

namespace klaude::core::tui {

namespace {

std::size_t leading_spaces(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == ' ') {
        ++n;
    }
    return n;
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

// Indented enough to belong to the list item or paragraph above, across a blank line.
bool indented(std::string_view line) {
    return (!line.empty() && line[0] == '\t') || leading_spaces(line) >= 2;
}

bool list_marker(std::string_view line) {
    const std::size_t i = leading_spaces(line);
    if (i > 3 || i >= line.size()) {
        return false;
    }
    auto ends_marker = [&](std::size_t after) {
        return after == line.size() || line[after] == ' ' || line[after] == '\t';
    };
    if (line[i] == '-' || line[i] == '+' || line[i] == '*') {
        return ends_marker(i + 1);
    }
    std::size_t j = i;
    while (j < line.size() && j - i < 9 && line[j] >= '0' && line[j] <= '9') {
        ++j;
    }
    return j > i && j < line.size() && (line[j] == '.' || line[j] == ')') && ends_marker(j + 1);
}

bool atx_heading(std::string_view line) {
    std::size_t i = leading_spaces(line);
    if (i > 3) {
        return false;
    }
    std::size_t hashes = 0;
    while (i < line.size() && line[i] == '#') {
        ++hashes;
        ++i;
    }
    return hashes >= 1 && hashes <= 6 && (i == line.size() || line[i] == ' ' || line[i] == '\t');
}

// A thematic break: three or more of the same '-', '*' or '_', spaces allowed between.
bool rule(std::string_view line) {
    const std::size_t i = leading_spaces(line);
    if (i > 3 || i >= line.size()) {
        return false;
    }
    const char c = line[i];
    if (c != '-' && c != '*' && c != '_') {
        return false;
    }
    int count = 0;
    for (std::size_t k = i; k < line.size(); ++k) {
        if (line[k] == c) {
            ++count;
        } else if (line[k] != ' ' && line[k] != '\t') {
            return false;
        }
    }
    return count >= 3;
}

// '===' or '---' alone: under paragraph text it would make that text a heading, restyling
// rows already written.
bool setext_underline(std::string_view line) {
    const std::size_t i = leading_spaces(line);
    if (i > 3 || i >= line.size() || (line[i] != '=' && line[i] != '-')) {
        return false;
    }
    const char c = line[i];
    std::size_t k = i;
    while (k < line.size() && line[k] == c) {
        ++k;
    }
    return blank(line.substr(k));
}

std::string_view last_line(std::string_view block) {
    if (block.empty()) {
        return {};
    }
    block.remove_suffix(1);  // its '\n'
    const std::size_t nl = block.rfind('\n');
    return nl == std::string_view::npos ? block : block.substr(nl + 1);
}

}  // namespace

MarkdownStream::MarkdownStream(const Theme& theme, const TerminalCaps& caps, Columns columns,
                               RowSink sink, Style base)
    : theme_(theme),
      renderer_(theme, caps, base),
      columns_(std::move(columns)),
      sink_(std::move(sink)) {}

void MarkdownStream::feed(std::string_view delta) {
    while (!delta.empty()) {
        const void* nl = std::memchr(delta.data(), '\n', delta.size());
        std::size_t line_bytes =
            nl == nullptr ? delta.size()
                          : static_cast<std::size_t>(static_cast<const char*>(nl) - delta.data());
        // Early rows are tried when the line reaches fixed sizes, wherever the deltas cut it:
        // what is written never depends on the cuts.
        while (mode_ == Mode::kProse && line_bytes > 0) {
            if (early_next_ == 0) {
                early_next_ = static_cast<std::size_t>(line_columns()) + 1;
            }
            if (line_.size() + line_bytes < early_next_) {
                break;
            }
            const std::size_t k = early_next_ - line_.size();
            line_.append(delta.substr(0, k));
            delta.remove_prefix(k);
            line_bytes -= k;
            early_rows();
        }
        line_.append(delta.substr(0, line_bytes));
        delta.remove_prefix(line_bytes);
        if (nl == nullptr) {
            break;
        }
        on_line(line_);
        line_.clear();
        line_begun_ = false;
        early_next_ = 0;
        delta.remove_prefix(1);
    }
}

int MarkdownStream::line_columns() const {
    return block_.empty() ? std::max(columns_(), 8) : width_;
}

void MarkdownStream::finish() {
    if (!line_.empty()) {
        on_line(line_);
        line_.clear();
    }
    line_begun_ = false;
    early_next_ = 0;
    mode_ = Mode::kProse;
    highlighter_.reset();
    finalize_block();
    emitted_any_ = false;
    need_blank_ = false;
}

void MarkdownStream::emit(std::string_view row) {
    if (need_blank_ && emitted_any_) {
        sink_("\n");
    }
    need_blank_ = false;
    emitted_any_ = true;
    row_.assign(row);
    row_ += '\n';
    sink_(row_);
}

void MarkdownStream::on_line(std::string_view line) {
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    if (mode_ == Mode::kFence) {
        on_fence_line(line);
        return;
    }
    if (!line_begun_) {
        if (open_fence(line)) {
            return;
        }
        if (blank(line)) {
            if (!block_.empty()) {
                block_ += '\n';
                ++block_lines_;
                blank_seen_ = true;
            }
            return;
        }
        begin_content_line(line);
    }
    line_begun_ = false;
    last_line_start_ = block_.size();
    block_.append(line);
    block_ += '\n';
    ++block_lines_;
    // A heading or a rule is a whole block already.
    if (atx_heading(line) || rule(line)) {
        finalize_block();
        need_blank_ = true;
        return;
    }
    if (block_has_table_ ? (block_.size() > kTableCapBytes || block_lines_ > kTableCapRows)
                         : block_.size() > kBlockCap) {
        finalize_block(block_is_list_);
        return;
    }
    emit_stable(true);
}

void MarkdownStream::begin_content_line(std::string_view line) {
    line_begun_ = true;
    // A blank line ended the block unless this line continues it (an indented continuation,
    // or the next item of the list).
    if (blank_seen_ && !(indented(line) || (block_is_list_ && list_marker(line)))) {
        finalize_block();
        need_blank_ = true;
    }
    blank_seen_ = false;
    const int columns = std::max(columns_(), 8);
    if (!block_.empty() && columns != width_) {
        finalize_block(block_is_list_);  // laid out at the old width; what follows reflows
    }
    // The next item of the list: the items before it can no longer change.
    if (!block_.empty() && block_is_list_ && list_marker(line) &&
        leading_spaces(line) == block_indent_) {
        finalize_block(true);
    }
    if (block_.empty()) {
        width_ = columns;
        block_is_list_ = list_marker(line);
        block_indent_ = leading_spaces(line);
        emitted_ = 0;
        block_lines_ = 0;
        return;
    }
    if (setext_underline(line) && !blank(last_line(block_))) {
        block_ += '\n';
        ++block_lines_;
    }
}

bool MarkdownStream::open_fence(std::string_view line) {
    const std::size_t indent = leading_spaces(line);
    // Up to three spaces at the top level; inside a list item, its content's indent.
    const bool in_item = block_is_list_ && !block_.empty() && indent >= 2;
    if (indent > (in_item ? 12u : 3u) || indent + 3 > line.size()) {
        return false;
    }
    const char c = line[indent];
    if (c != '`' && c != '~') {
        return false;
    }
    std::size_t length = 0;
    while (indent + length < line.size() && line[indent + length] == c) {
        ++length;
    }
    if (length < 3) {
        return false;
    }
    std::string_view info = line.substr(indent + length);
    if (c == '`' && info.find('`') != std::string_view::npos) {
        return false;  // ```x``` is inline code, not a fence
    }
    const bool top_level = !in_item;
    finalize_block(in_item);  // a list goes on after a fence inside one of its items
    if (top_level) {
        need_blank_ = true;
    }
    blank_seen_ = false;
    mode_ = Mode::kFence;
    fence_char_ = c;
    fence_length_ = length;
    fence_indent_ = indent;
    highlighter_ = std::make_unique<CodeHighlighter>(info);
    return true;
}

void MarkdownStream::on_fence_line(std::string_view line) {
    const std::size_t indent = leading_spaces(line);
    if (indent <= fence_indent_ + 3 && indent < line.size() && line[indent] == fence_char_) {
        std::size_t length = 0;
        while (indent + length < line.size() && line[indent + length] == fence_char_) {
            ++length;
        }
        if (length >= fence_length_ && blank(line.substr(indent + length))) {
            mode_ = Mode::kProse;
            highlighter_.reset();
            need_blank_ = fence_indent_ < 2;
            return;
        }
    }
    // The code's own indentation stays; the fence's is taken off.
    line.remove_prefix(std::min(indent, fence_indent_));
    std::string row(fence_indent_ + MarkdownRenderer::kCodeIndent, ' ');
    highlighter_->line(line, theme_, row);
    emit(row);
}

void MarkdownStream::emit_stable(bool line_complete) {
    rows_.clear();
    renderer_.render(block_, width_, rows_, continue_from_);
    rendered_size_ = line_complete ? block_.size() : kNotRendered;
    // Rows from here on may still change: a table until the block ends; a line that may be a
    // table's header ('|') or end in a backslash (a hard break once the next line comes).
    long held_from = renderer_.table_offset() >= 0 ? renderer_.table_offset() : -1;
    if (line_complete && held_from >= 0) {
        block_has_table_ = true;
    }
    const std::string_view last = last_line(block_);
    if (line_complete &&
        (last.find('|') != std::string_view::npos || (!last.empty() && last.back() == '\\'))) {
        const long start = static_cast<long>(last_line_start_);
        held_from = held_from < 0 ? start : std::min(held_from, start);
    }
    std::size_t end = rows_.size();
    if (!line_complete && end > 0) {
        --end;  // the row the unfinished line is still adding to
    }
    for (std::size_t i = first_unwritten(); i < end; ++i) {
        if (held_from >= 0 && rows_[i].source_offset >= held_from) {
            return;
        }
        emit(rows_[i].text);
        emitted_ = i + 1;
    }
}

std::size_t MarkdownStream::first_unwritten() const {
    // A line written early as text that then turned out to head a table: the table is
    // written whole after it, rather than without its first rows.
    const long table = renderer_.table_offset();
    if (table >= 0) {
        for (std::size_t i = 0; i < emitted_ && i < rows_.size(); ++i) {
            if (rows_[i].source_offset >= table) {
                return i;
            }
        }
    }
    return emitted_;
}

void MarkdownStream::finalize_block(bool keep_numbering) {
    if (!block_.empty()) {
        // Rendered already at its last line end (the common case): only what was held is left.
        if (rendered_size_ != block_.size()) {
            rows_.clear();
            renderer_.render(block_, width_, rows_, continue_from_);
        }
        for (std::size_t i = first_unwritten(); i < rows_.size(); ++i) {
            emit(rows_[i].text);
        }
        continue_from_ = keep_numbering ? renderer_.next_number() : 0;
    } else if (!keep_numbering) {
        continue_from_ = 0;
    }
    block_.clear();
    rendered_size_ = kNotRendered;
    block_lines_ = 0;
    block_is_list_ = false;
    block_has_table_ = false;
    blank_seen_ = false;
    emitted_ = 0;
    last_line_start_ = 0;
}

void MarkdownStream::early_rows() {
    // A line wider than the terminal: its first rows can go out before its end, but only when
    // nothing in it may open a span that a later character would close (or make it a table).
    early_next_ = line_.size() + static_cast<std::size_t>(std::max(8, line_columns() / 2));
    const std::size_t cut = line_.rfind(' ');
    if (cut == std::string::npos || cut == 0) {
        return;
    }
    const std::string_view head = std::string_view(line_).substr(0, cut);
    if (head.find_first_of("*_`~[<&\\|!") != std::string_view::npos ||
        head.find_first_not_of("-= \t") == std::string_view::npos || blank(head)) {
        return;
    }
    // Not blank and no fence (no backtick or tilde): a content line, whatever follows.
    if (!line_begun_) {
        begin_content_line(line_);
    }
    const std::size_t saved = block_.size();
    const std::size_t saved_start = last_line_start_;
    last_line_start_ = block_.size();
    block_.append(head);
    block_ += '\n';
    emit_stable(false);
    block_.resize(saved);
    last_line_start_ = saved_start;
}

}  // namespace klaude::core::tui
