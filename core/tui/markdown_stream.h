// Markdown rendered while it streams in. Text arrives in deltas of a few bytes; each row is
// written as soon as nothing that may still arrive can change it, and is never rewritten:
//   - a finished block (ended by a blank line, a heading, a rule, a fence) is rendered whole;
//   - the open block is re-rendered at each of its line ends, and only its new rows are
//     written (greedy wrapping and "a soft break is a new row" keep the rows prefix-stable);
//   - a fenced code block is written line by line, highlighted, without re-parsing;
//   - only an unfinished line waits (a long one is written row by row when its text cannot
//     start an inline span), and a table waits for its end (its column widths need every row).
// Feeding the same text whole, byte by byte or in any other chunks writes the same rows.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/tui/code_highlighter.h"
#include "core/tui/markdown_renderer.h"

namespace klaude::core::tui {

class MarkdownStream {
  public:
    // Gets each finished row with its '\n'.
    using RowSink = std::function<void(std::string_view row)>;
    // The terminal's width now: read when a block starts (a change finalizes the open block,
    // and what follows is laid out at the new width).
    using Columns = std::function<int()>;

    // `base` is added to every style (reasoning streams dim). `theme` must outlive this.
    MarkdownStream(const Theme& theme, const TerminalCaps& caps, Columns columns, RowSink sink,
                   Style base = {});

    void feed(std::string_view delta);
    // The answer (or this part of it) is over: writes everything held, the unfinished line
    // included, and closes an open fence. The stream can then start a new answer.
    void finish();

    // Blocks longer than this are cut at the next line end, which bounds the cost of
    // re-rendering the open block per line (a cut list continues; numbering is kept). A list
    // is also cut before each of its items, so a long list costs what its items cost.
    static constexpr std::size_t kBlockCap = 4096;
    // A table is held whole up to this, then written as it is and a new table continues.
    static constexpr std::size_t kTableCapBytes = 64 * 1024;
    static constexpr int kTableCapRows = 200;

  private:
    enum class Mode { kProse, kFence };

    void on_line(std::string_view line);
    void on_fence_line(std::string_view line);
    // The block-boundary decisions a content line makes from its start alone; done once per
    // line (early rows may do it before the line ends).
    void begin_content_line(std::string_view line);
    bool open_fence(std::string_view line);
    void emit_stable(bool line_complete);
    // `keep_numbering`: the block was cut inside a list that goes on in the next block.
    void finalize_block(bool keep_numbering = false);
    // The first row of rows_ to write: emitted_, or a table's first row.
    std::size_t first_unwritten() const;
    void emit(std::string_view row);
    void early_rows();
    // The width the current line is laid out at: the open block's, else the terminal's now.
    int line_columns() const;

    const Theme& theme_;
    MarkdownRenderer renderer_;
    Columns columns_;
    RowSink sink_;

    std::string line_;            // the unfinished line
    bool line_begun_ = false;     // begin_content_line ran for line_
    std::size_t early_next_ = 0;  // line_ size at which early rows are tried next (0: unset)

    Mode mode_ = Mode::kProse;
    std::string block_;  // complete lines of the open block
    std::size_t last_line_start_ = 0;
    int block_lines_ = 0;
    bool block_is_list_ = false;
    std::size_t block_indent_ = 0;  // of the block's first line (a list's items)
    unsigned continue_from_ = 0;    // the number the next ordered item gets (a cut list)
    bool block_has_table_ = false;  // seen at a line end: the larger table caps apply
    bool blank_seen_ = false;
    std::size_t emitted_ = 0;  // rows of the open block already written
    int width_ = 80;
    // rows_ (and the renderer's table_offset and next_number) are those of block_ when its
    // size is this: the render at its last line end, reused when the block ends.
    static constexpr std::size_t kNotRendered = static_cast<std::size_t>(-1);
    std::size_t rendered_size_ = kNotRendered;
    std::vector<RenderedRow> rows_;

    bool emitted_any_ = false;  // since the last finish()
    bool need_blank_ = false;   // a blank row before the next row (a new block)

    // The open fence.
    char fence_char_ = 0;
    std::size_t fence_length_ = 0;
    std::size_t fence_indent_ = 0;
    std::unique_ptr<CodeHighlighter> highlighter_;
    std::string row_;  // scratch
};

}  // namespace klaude::core::tui
