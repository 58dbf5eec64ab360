// Markdown text (what a model answers) to terminal rows: headings without '#', bold, italic,
// strikethrough, inline code, links (OSC 8 when the terminal has them, else "text (url)"),
// lists with bullets by depth and numbers, task items, block quotes, rules, tables drawn with
// box characters, fenced code indented and highlighted with no fence rows. Parsed by md4c
// (GitHub dialect, no HTML, no indented code); written through a Theme, so the same rendering
// is ANSI, plain or tagged for tests. Model text never writes an escape sequence itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/tui/terminal_caps.h"
#include "core/tui/theme.h"

namespace klaude::core::tui {

struct RenderedRow {
    std::string text;    // no newline; every style closed at its end
    long source_offset;  // where in the rendered text the row's first character came from
};

class MarkdownRenderer {
  public:
    // `base` is added to every style (reasoning renders dim). `theme` must outlive this.
    MarkdownRenderer(const Theme& theme, const TerminalCaps& caps, Style base = {});

    // Appends the rows of `markdown` laid out in `width` columns to `rows`. `continue_from`
    // (when not 0) numbers an ordered list that opens the text from there: the rest of a list
    // a stream rendered in parts.
    void render(std::string_view markdown, int width, std::vector<RenderedRow>& rows,
                unsigned continue_from = 0);

    // Where the first table of the last render starts (the offset of its first cell's text),
    // or -1 when it had none. A stream holds a table's rows until it ends.
    long table_offset() const { return table_offset_; }
    // When the last render ended with an ordered list at the top level: its next number
    // (for continue_from); else 0.
    unsigned next_number() const { return next_number_; }

    // One code row as the renderer draws them (the code indent, then the highlighted line):
    // the stream draws fenced code itself, line by line, with this.
    static constexpr int kCodeIndent = 2;

  private:
    class Pass;
    const Theme& theme_;
    TerminalCaps caps_;
    Style base_;
    long table_offset_ = -1;
    unsigned continue_from_ = 0;
    unsigned next_number_ = 0;
};

// `text` with the HTML entities md4c passes through (&amp; &lt; &gt; &quot; &apos; &nbsp;
// &#N; &#xN; and a few common named ones) decoded; unknown ones stay as written.
std::string decode_entity(std::string_view entity);

}  // namespace klaude::core::tui
