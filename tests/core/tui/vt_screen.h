// A test-only model of the terminal klaude draws on: what xterm does with the bytes klaude
// writes, so a test can look at the screen a person sees (text, colours, what scrolled away)
// instead of at escape sequences.
//
// It knows exactly what klaude emits and nothing more, on purpose: any other sequence is
// reported by unknown(), so a test fails when a rendering change starts writing a new one.
//   - UTF-8 text, widths from the C library's wcwidth (C.UTF-8), zero-width characters joined
//     to the previous cell; auto-wrap at the right margin with xterm's deferred wrap (a row
//     filled to the last column wraps only when the next character comes);
//   - CR, LF (scrolling the top row into the scrollback at the bottom), BS, TAB (every 8), BEL
//     (counted);
//   - CSI A B C D G H J K, and m with the whole of SGR (bold, dim, italic, underline, blink,
//     inverse, hidden, strikethrough, their resets, 8/16/256/RGB colours);
//   - OSC 8 hyperlinks (the target is a cell attribute, and every target is recorded);
//   - ignored: CSI ?1 ?25 ?2004 h/l (cursor keys, cursor visibility, bracketed paste),
//     ESC = and ESC > (keypad modes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace klaude::testing {

struct VtStyle {
    bool bold = false;
    bool dim = false;
    bool italic = false;
    bool underline = false;
    bool blink = false;
    bool inverse = false;
    bool hidden = false;
    bool strike = false;
    int32_t fg = -1;   // 0-255, kRgb | 0xRRGGBB, or -1 for the default
    int32_t bg = -1;   // the same
    std::string link;  // the OSC 8 target, empty outside a link

    static constexpr int32_t kRgb = 0x1000000;

    bool operator==(const VtStyle& o) const {
        return bold == o.bold && dim == o.dim && italic == o.italic && underline == o.underline &&
               blink == o.blink && inverse == o.inverse && hidden == o.hidden &&
               strike == o.strike && fg == o.fg && bg == o.bg && link == o.link;
    }
    bool operator!=(const VtStyle& o) const { return !(*this == o); }
    bool plain() const { return *this == VtStyle{}; }
};

struct VtCell {
    std::string text = " ";  // one character and any combining marks; "" for the right half
                             // of a wide character
    VtStyle style;
};

class VtScreen {
  public:
    VtScreen(int columns, int rows);

    // Interprets `bytes`. A sequence or character cut at the end waits for the next call, so
    // feeding in pieces is the same as feeding the whole.
    void feed(std::string_view bytes);

    // What it did not understand, in order, each as printable text (`ESC [ 5 n`, `0x01`,
    // `invalid UTF-8 0xff`). A test asserts this is empty.
    const std::vector<std::string>& unknown() const { return unknown_; }
    // Every OSC 8 target opened, in order.
    const std::vector<std::string>& links() const { return links_; }
    int bells() const { return bells_; }

    int columns() const { return columns_; }
    int rows() const { return rows_; }
    int cursor_row() const { return row_; }
    int cursor_column() const { return column_; }
    // A cell of the visible screen (row and column from 0).
    const VtCell& cell(int row, int column) const;
    // The rows that scrolled off the top, oldest first.
    std::size_t scrollback_size() const { return scrollback_.size(); }

    // The scrollback then the screen, one row a line, with style tags: a styled run is opened
    // by its attributes in this order, `<b> <dim> <i> <u> <blink> <inv> <hidden> <s> <fg=N>
    // <bg=N> <link=URL>` (RGB as `fg=#rrggbb`), and closed by `</>`; a `<` of the text is
    // written `<<`. Blank cells at the end of a row (unless underlined, inverse, struck or
    // with a background) and blank rows at the end of the screen are left out.
    std::string dump() const;
    // The same rows without tags (a `<` is itself).
    std::string text() const;

  private:
    using Row = std::vector<VtCell>;

    void byte(unsigned char c);
    void control(unsigned char c);
    void escape(unsigned char c);
    void csi();
    void csi_private();
    void sgr(const std::vector<int>& params);
    void osc();
    void print(char32_t code_point, std::string_view utf8);
    void line_feed();
    void erase(Row& row, int from, int to);  // [from, to)
    void report(std::string what);
    std::string row_dump(const Row& row, bool tags) const;
    std::string all_rows(bool tags) const;

    enum class State { kGround, kEscape, kCsi, kOsc, kOscEscape };

    int columns_;
    int rows_;
    std::vector<Row> screen_;
    std::vector<Row> scrollback_;
    int row_ = 0;
    int column_ = 0;
    bool wrap_pending_ = false;
    VtStyle style_;

    State state_ = State::kGround;
    std::string sequence_;  // the escape sequence being read, after its introducer
    std::string utf8_;      // the bytes of a character being read
    std::size_t utf8_needed_ = 0;

    std::vector<std::string> unknown_;
    std::vector<std::string> links_;
    int bells_ = 0;
};

}  // namespace klaude::testing
