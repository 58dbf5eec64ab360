// Text as the terminal shows it: how many columns a UTF-8 string takes, how model text is made
// safe to print (no control character or escape sequence of its own reaches the terminal), and
// how styled words are wrapped into rows of a given width behind a prefix.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/tui/theme.h"

namespace klaude::core::tui {

// Columns `utf8` takes on the terminal (wcwidth per code point: CJK and most emoji take 2,
// combining marks 0). Invalid bytes count 1, as the U+FFFD they are shown as.
int display_width(std::string_view utf8);

// Appends `text` with every C0 control but tab, DEL, every C1 control, ESC and every invalid
// UTF-8 byte turned into U+FFFD: model text, command output and diffs go through here, so
// only the theme ever writes an escape sequence.
void append_visible(std::string& out, std::string_view text);
// Same, with '?' for the replacement when the terminal shows no Unicode (TERM=dumb, C locale).
void append_visible(std::string& out, std::string_view text, bool unicode);

// `text` cut to at most `max_columns` display columns, ending in "…" ("..." without `unicode`)
// when cut. `text` holds no control characters (append_visible first).
std::string clip_to_width(std::string_view text, int max_columns, bool unicode);

// A row's prefix (a bullet, a quote bar, an indent): what is written and the columns it takes.
struct RowPrefix {
    std::string text;  // styled, ready to write
    int width = 0;
};

// One finished row: the text to write (without newline; styles closed at its end) and the
// columns it takes.
struct BuiltRow {
    std::string text;
    int width = 0;
};

// Greedy word wrap of styled text into rows of `width` columns: the first row starts with
// `first`, the others with `next`. Greedy, so the rows of a text are a prefix of the rows of
// any longer text that starts with it (a stream can print a row as soon as the next word does
// not fit). A word wider than a row is cut by characters. Every row states its styles from
// scratch and resets them at its end, so rows stand alone.
class RowBuilder {
  public:
    RowBuilder(int width, RowPrefix first, RowPrefix next, const Theme& theme);

    // Adds `text` (already made visible) in `style`. Spaces separate words; a tab is a space.
    void add(std::string_view text, Style style);
    // Links (OSC 8): `open` and `close` are written around the link's text on every row it
    // takes, so a wrapped link stays a link on each row. Returns the id for set_link.
    int define_link(std::string open, std::string close);
    // The link of the text added from now on; -1 for none.
    void set_link(int id) { link_ = id; }
    // Ends the row here (a hard or soft line break). An empty row is still a row.
    void hard_break();
    // Ends the last row (if anything is on it, or nothing was built at all when `keep_empty`)
    // and returns all rows.
    std::vector<BuiltRow> finish(bool keep_empty = false);

    // The source offset of the text that started each row, when the caller sets it before
    // adding text (see set_source_offset); -1 when unknown.
    void set_source_offset(long offset) { source_offset_ = offset; }
    const std::vector<long>& row_offsets() const { return row_offsets_; }

  private:
    struct Piece {
        std::string text;
        Style style;
        int width;
        int link;
    };
    void flush_word();
    void start_row_if_needed();
    void end_row();
    void put(const Piece& piece);
    void put_char_by_char(const Piece& piece);
    int room() const;

    int width_;
    RowPrefix first_;
    RowPrefix next_;
    const Theme& theme_;
    std::vector<BuiltRow> rows_;
    std::vector<long> row_offsets_;
    BuiltRow row_;
    bool row_open_ = false;
    Style row_style_;  // the style in effect at the end of row_.text
    std::vector<Piece> word_;
    int word_width_ = 0;
    long word_offset_ = -1;
    bool space_pending_ = false;
    Style space_style_;
    int row_link_ = -1;  // the link open at the end of row_.text
    int link_ = -1;
    std::vector<std::pair<std::string, std::string>> links_;
    long source_offset_ = -1;
};

}  // namespace klaude::core::tui
