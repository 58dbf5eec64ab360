#include "core/tui/markdown_renderer.h"

#include <md4c.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "core/tui/code_highlighter.h"
#include "core/tui/text_width.h"

namespace klaude::core::tui {

namespace {

constexpr unsigned kParserFlags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML | MD_FLAG_NOINDENTEDCODEBLOCKS;

void append_utf8(std::string& out, unsigned long cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        out += "\xef\xbf\xbd";
    } else if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// A URL as it may sit inside an OSC 8 sequence: no byte that could end or break it.
std::string osc_safe_url(std::string_view url) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : url) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7F) {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        } else {
            out += ch;
        }
    }
    return out;
}

std::string attribute_text(const MD_ATTRIBUTE& attr) {
    std::string out;
    if (attr.text == nullptr) {
        return out;
    }
    for (int i = 0; attr.substr_offsets[i] < attr.size; ++i) {
        const MD_OFFSET begin = attr.substr_offsets[i];
        const MD_OFFSET end = attr.substr_offsets[i + 1];
        const std::string_view part(attr.text + begin, end - begin);
        if (attr.substr_types[i] == MD_TEXT_ENTITY) {
            out += decode_entity(part);
        } else if (attr.substr_types[i] == MD_TEXT_NULLCHAR) {
            out += "\xef\xbf\xbd";
        } else {
            out += part;
        }
    }
    return out;
}

}  // namespace

std::string decode_entity(std::string_view entity) {
    if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') {
        return std::string(entity);
    }
    const std::string_view name = entity.substr(1, entity.size() - 2);
    std::string out;
    if (name[0] == '#') {
        unsigned long cp = 0;
        const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
        const std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty() || digits.size() > 7) {
            return std::string(entity);
        }
        for (const char c : digits) {
            unsigned long d = 0;
            if (c >= '0' && c <= '9') {
                d = static_cast<unsigned long>(c - '0');
            } else if (hex && c >= 'a' && c <= 'f') {
                d = static_cast<unsigned long>(c - 'a' + 10);
            } else if (hex && c >= 'A' && c <= 'F') {
                d = static_cast<unsigned long>(c - 'A' + 10);
            } else {
                return std::string(entity);
            }
            cp = cp * (hex ? 16 : 10) + d;
        }
        append_utf8(out, cp);
        return out;
    }
    static const std::pair<std::string_view, std::string_view> kNamed[] = {
        {"amp", "&"},
        {"lt", "<"},
        {"gt", ">"},
        {"quot", "\""},
        {"apos", "'"},
        {"nbsp", "\xc2\xa0"},
        {"copy", "\xc2\xa9"},
        {"reg", "\xc2\xae"},
        {"trade", "\xe2\x84\xa2"},
        {"hellip", "\xe2\x80\xa6"},
        {"mdash", "\xe2\x80\x94"},
        {"ndash", "\xe2\x80\x93"},
        {"larr", "\xe2\x86\x90"},
        {"rarr", "\xe2\x86\x92"},
        {"times", "\xc3\x97"},
        {"middot", "\xc2\xb7"},
        {"deg", "\xc2\xb0"},
        {"plusmn", "\xc2\xb1"},
    };
    for (const auto& [known, text] : kNamed) {
        if (name == known) {
            return std::string(text);
        }
    }
    return std::string(entity);
}

// One md4c parse: the callbacks build rows as they come. Containers (quotes, list items) give
// each row its prefix; leaf blocks wrap their text with a RowBuilder; tables collect their
// cells and are drawn when they end.
class MarkdownRenderer::Pass {
  public:
    Pass(MarkdownRenderer& owner, std::string_view doc, int width, std::vector<RenderedRow>& rows)
        : owner_(owner), theme_(owner.theme_), doc_(doc), width_(std::max(width, 8)), rows_(rows) {}

    void run() {
        MD_PARSER parser{};
        parser.abi_version = 0;
        parser.flags = kParserFlags;
        parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
            static_cast<Pass*>(self)->enter_block(type, detail);
            return 0;
        };
        parser.leave_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
            static_cast<Pass*>(self)->leave_block(type, detail);
            return 0;
        };
        parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) {
            static_cast<Pass*>(self)->enter_span(type, detail);
            return 0;
        };
        parser.leave_span = [](MD_SPANTYPE type, void*, void* self) {
            static_cast<Pass*>(self)->leave_span(type);
            return 0;
        };
        parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
            static_cast<Pass*>(self)->text(type, text, size);
            return 0;
        };
        md_parse(doc_.data(), static_cast<MD_SIZE>(doc_.size()), &parser, this);
        close_leaf();
    }

  private:
    enum class Kind { kQuote, kList, kItem };
    struct Container {
        Kind kind;
        RowPrefix marker;  // the first row's (a bullet), or the same as cont
        RowPrefix cont;
        bool marker_used = false;
        bool ordered = false;
        unsigned next_number = 1;
        bool marker_is_bullet = true;
    };
    // Text of a table cell, kept as styled pieces until the column widths are known.
    struct CellPiece {
        std::string text;
        Style style;
        int link;  // index into table_links_, -1 none
        bool line_break;
    };
    struct Cell {
        std::vector<CellPiece> pieces;
        int natural = 0;
        MD_ALIGN align = MD_ALIGN_DEFAULT;
        bool header = false;
    };

    // --- prefixes and rows ---------------------------------------------------------------
    RowPrefix painted(Role role, std::string_view text) const {
        return RowPrefix{theme_.paint(role, text), display_width(text)};
    }

    // The prefix of a row starting now (using up unused bullets), and of the rows after it.
    std::pair<RowPrefix, RowPrefix> prefixes() {
        RowPrefix first;
        RowPrefix next;
        for (Container& c : containers_) {
            if (c.kind == Kind::kList) {
                continue;
            }
            const RowPrefix& mine = c.marker_used ? c.cont : c.marker;
            first.text += mine.text;
            first.width += mine.width;
            next.text += c.cont.text;
            next.width += c.cont.width;
            c.marker_used = true;
        }
        return {first, next};
    }

    // The prefix of a blank row here: the quote bars, no trailing space.
    RowPrefix blank_prefix() const {
        RowPrefix out;
        for (const Container& c : containers_) {
            if (c.kind == Kind::kQuote) {
                out.text += theme_.paint(Role::kQuote, owner_.caps_.unicode ? "\xe2\x94\x82" : "|");
                out.width += 1;
            } else if (c.kind == Kind::kItem) {
                out.text += std::string(static_cast<std::size_t>(c.cont.width), ' ');
                out.width += c.cont.width;
            }
        }
        // Spaces at the end of a blank row show nothing; leave them out.
        while (!out.text.empty() && out.text.back() == ' ') {
            out.text.pop_back();
        }
        return out;
    }

    bool inside_item() const {
        return std::any_of(containers_.begin(), containers_.end(),
                           [](const Container& c) { return c.kind == Kind::kItem; });
    }

    // A block ended: the next one gets a blank row before it, except inside list items, where
    // a blank row would appear or vanish as the list turns loose while it streams.
    void block_ended() {
        if (!inside_item()) {
            blank_pending_ = true;
            blank_prefix_ = blank_prefix();
        }
    }

    void push_row(std::string text, long offset) {
        if (blank_pending_ && !rows_.empty() && rows_.size() > first_row_) {
            rows_.push_back(RenderedRow{blank_prefix_.text, offset});
        }
        blank_pending_ = false;
        rows_.push_back(RenderedRow{std::move(text), offset});
    }

    Style style_now() const {
        Style s = owner_.base_ | leaf_style_;
        for (const Style& span : spans_) {
            s = s | span;
        }
        return s;
    }

    // --- leaf text -----------------------------------------------------------------------
    void open_leaf(Style block_style) {
        close_leaf();
        auto [first, next] = prefixes();
        leaf_ = std::make_unique<RowBuilder>(width_, std::move(first), std::move(next), theme_);
        leaf_style_ = block_style;
        leaf_offset_ = last_offset_;
    }

    void close_leaf() {
        if (!leaf_) {
            return;
        }
        std::vector<BuiltRow> built = leaf_->finish();
        const std::vector<long>& offsets = leaf_->row_offsets();
        for (std::size_t i = 0; i < built.size(); ++i) {
            push_row(std::move(built[i].text),
                     i < offsets.size() && offsets[i] >= 0 ? offsets[i] : leaf_offset_);
        }
        leaf_.reset();
    }

    // Where inline text goes now: a table cell, or the open leaf (opened for the loose text
    // of a tight list item).
    void add_inline(std::string_view visible, long offset) {
        const Style style = style_now();
        if (cell_ != nullptr) {
            cell_->pieces.push_back(CellPiece{std::string(visible), style, cell_link_, false});
            cell_->natural += display_width(visible);
            return;
        }
        if (!leaf_) {
            open_leaf(Style{});
        }
        leaf_->set_source_offset(offset);
        leaf_->add(visible, style);
    }

    void line_break() {
        if (cell_ != nullptr) {
            cell_->pieces.push_back(CellPiece{" ", Style{}, -1, false});
            cell_->natural += 1;
            return;
        }
        if (leaf_) {
            leaf_->hard_break();
        }
    }

    // --- md4c callbacks ------------------------------------------------------------------
    void enter_block(MD_BLOCKTYPE type, void* detail) {
        if (containers_.empty() && type != MD_BLOCK_DOC && type != MD_BLOCK_UL &&
            type != MD_BLOCK_OL) {
            ++top_blocks_;
            owner_.next_number_ = 0;
        }
        switch (type) {
            case MD_BLOCK_DOC:
                return;
            case MD_BLOCK_QUOTE: {
                close_leaf();
                const RowPrefix bar =
                    painted(Role::kQuote, owner_.caps_.unicode ? "\xe2\x94\x82 " : "| ");
                containers_.push_back(Container{Kind::kQuote, bar, bar});
                return;
            }
            case MD_BLOCK_UL:
            case MD_BLOCK_OL: {
                close_leaf();
                Container list{Kind::kList, {}, {}};
                if (type == MD_BLOCK_OL) {
                    list.ordered = true;
                    list.next_number = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
                    if (containers_.empty() && top_blocks_ == 0 && owner_.continue_from_ > 0) {
                        list.next_number = owner_.continue_from_;
                    }
                }
                if (containers_.empty()) {
                    ++top_blocks_;
                }
                containers_.push_back(list);
                return;
            }
            case MD_BLOCK_LI:
                enter_item(*static_cast<MD_BLOCK_LI_DETAIL*>(detail));
                return;
            case MD_BLOCK_HR: {
                close_leaf();
                auto [first, next] = prefixes();
                (void)next;
                const int cells = std::max(1, width_ - first.width);
                std::string line;
                for (int i = 0; i < cells; ++i) {
                    line += owner_.caps_.unicode ? "\xe2\x94\x80" : "-";
                }
                push_row(first.text + theme_.paint(Role::kRule, line), last_offset_);
                return;
            }
            case MD_BLOCK_H: {
                const unsigned level = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level;
                const Role role = level == 1 ? Role::kH1 : level == 2 ? Role::kH2 : Role::kH3;
                open_leaf(theme_.style(role));
                return;
            }
            case MD_BLOCK_P:
                open_leaf(quote_depth() > 0 ? theme_.style(Role::kQuote) : Style{});
                return;
            case MD_BLOCK_CODE: {
                close_leaf();
                const auto* code = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
                code_ = std::make_unique<CodeHighlighter>(attribute_text(code->lang));
                code_text_.clear();
                code_line_offsets_.clear();
                code_at_line_start_ = true;
                return;
            }
            case MD_BLOCK_TABLE:
                close_leaf();
                table_.clear();
                table_links_.clear();
                in_table_ = true;
                table_first_offset_ = -1;
                return;
            case MD_BLOCK_THEAD:
                in_head_ = true;
                return;
            case MD_BLOCK_TBODY:
                in_head_ = false;
                return;
            case MD_BLOCK_TR:
                table_.emplace_back();
                return;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD:
                if (!table_.empty()) {
                    table_.back().emplace_back();
                    cell_ = &table_.back().back();
                    cell_->align = static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align;
                    cell_->header = in_head_;
                }
                return;
            case MD_BLOCK_HTML:
                open_leaf(Style{});
                return;
        }
    }

    void leave_block(MD_BLOCKTYPE type, void* detail) {
        (void)detail;
        switch (type) {
            case MD_BLOCK_DOC:
                return;
            case MD_BLOCK_QUOTE:
            case MD_BLOCK_UL:
            case MD_BLOCK_OL:
                close_leaf();
                if (!containers_.empty()) {
                    if (containers_.size() == 1) {
                        owner_.next_number_ =
                            type == MD_BLOCK_OL ? containers_.back().next_number : 0;
                    }
                    containers_.pop_back();
                }
                block_ended();
                return;
            case MD_BLOCK_LI:
                close_leaf();
                if (!containers_.empty()) {
                    containers_.pop_back();
                }
                return;
            case MD_BLOCK_HR:
                block_ended();
                return;
            case MD_BLOCK_H:
            case MD_BLOCK_P:
            case MD_BLOCK_HTML:
                close_leaf();
                leaf_style_ = Style{};
                block_ended();
                return;
            case MD_BLOCK_CODE:
                draw_code();
                block_ended();
                return;
            case MD_BLOCK_TABLE:
                in_table_ = false;
                draw_table();
                block_ended();
                return;
            case MD_BLOCK_THEAD:
            case MD_BLOCK_TBODY:
            case MD_BLOCK_TR:
                return;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD:
                cell_ = nullptr;
                return;
        }
    }

    int quote_depth() const {
        return static_cast<int>(
            std::count_if(containers_.begin(), containers_.end(),
                          [](const Container& c) { return c.kind == Kind::kQuote; }));
    }

    void enter_item(const MD_BLOCK_LI_DETAIL& detail) {
        close_leaf();
        int depth = 0;
        Container* list = nullptr;
        for (Container& c : containers_) {
            if (c.kind == Kind::kList) {
                ++depth;
                list = &c;
            }
        }
        const bool unicode = owner_.caps_.unicode;
        std::string marker;
        if (detail.is_task) {
            const bool done = detail.task_mark == 'x' || detail.task_mark == 'X';
            marker = unicode ? (done ? "\xe2\x98\x91" : "\xe2\x98\x90") : (done ? "[x]" : "[ ]");
        } else if (list != nullptr && list->ordered) {
            marker = std::to_string(list->next_number++) + ".";
        } else if (!unicode) {
            marker = "-";
        } else {
            static constexpr const char* kBullets[] = {"\xe2\x80\xa2", "\xe2\x97\xa6",
                                                       "\xe2\x96\xaa"};
            marker = kBullets[(depth > 0 ? depth - 1 : 0) % 3];
        }
        RowPrefix first = painted(Role::kBullet, marker);
        first.text += ' ';
        first.width += 1;
        RowPrefix cont{std::string(static_cast<std::size_t>(first.width), ' '), first.width};
        containers_.push_back(Container{Kind::kItem, first, cont});
    }

    void enter_span(MD_SPANTYPE type, void* detail) {
        switch (type) {
            case MD_SPAN_EM:
                spans_.push_back(theme_.style(Role::kEmphasis));
                return;
            case MD_SPAN_STRONG:
                spans_.push_back(theme_.style(Role::kStrong));
                return;
            case MD_SPAN_DEL:
                spans_.push_back(theme_.style(Role::kStrike));
                return;
            case MD_SPAN_CODE:
                spans_.push_back(theme_.style(Role::kCode));
                return;
            case MD_SPAN_A:
                open_link(attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href));
                return;
            case MD_SPAN_IMG:
                link_urls_.push_back(attribute_text(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src));
                link_texts_.emplace_back();
                spans_.push_back(theme_.style(Role::kLink));
                add_inline("[", last_offset_);
                return;
            default:
                spans_.push_back(Style{});
                return;
        }
    }

    void leave_span(MD_SPANTYPE type) {
        if (type == MD_SPAN_A) {
            close_link(false);
            return;
        }
        if (type == MD_SPAN_IMG) {
            add_inline("]", last_offset_);
            close_link(true);
            return;
        }
        if (!spans_.empty()) {
            spans_.pop_back();
        }
    }

    void open_link(std::string url) {
        spans_.push_back(theme_.style(Role::kLink));
        link_urls_.push_back(url);
        link_texts_.emplace_back();
        const bool osc = owner_.caps_.hyperlinks && theme_.output() != Theme::Output::kPlain;
        link_osc_.push_back(osc);
        if (!osc) {
            return;
        }
        const std::string safe = osc_safe_url(url);
        std::string open;
        std::string close;
        if (theme_.output() == Theme::Output::kTagged) {
            open = "{link=" + safe + "}";
            close = "{/link}";
        } else {
            open = "\x1b]8;;" + safe + "\x1b\\";
            close = "\x1b]8;;\x1b\\";
        }
        if (cell_ != nullptr) {
            table_links_.emplace_back(open, close);
            cell_link_ = static_cast<int>(table_links_.size()) - 1;
        } else {
            if (!leaf_) {
                open_leaf(Style{});
            }
            leaf_->set_link(leaf_->define_link(open, close));
        }
    }

    void close_link(bool image) {
        const bool osc = !image && !link_osc_.empty() && link_osc_.back();
        if (!image && !link_osc_.empty()) {
            link_osc_.pop_back();
        }
        if (!spans_.empty()) {
            spans_.pop_back();
        }
        cell_link_ = -1;
        if (leaf_) {
            leaf_->set_link(-1);
        }
        if (link_urls_.empty()) {
            return;
        }
        const std::string url = link_urls_.back();
        const std::string text = link_texts_.back();
        link_urls_.pop_back();
        link_texts_.pop_back();
        // Shown as "text (url)" unless the terminal makes the text itself the link, or the
        // text already is the url (autolinks: "www.x.org", "me@x.org").
        const bool same = url == text || url == "http://" + text || url == "https://" + text ||
                          url == "mailto:" + text;
        if (osc || same || url.empty()) {
            return;
        }
        std::string shown;
        append_visible(shown, url);
        add_inline(" ", last_offset_);
        spans_.push_back(theme_.style(Role::kUrl));
        add_inline("(" + shown + ")", last_offset_);
        spans_.pop_back();
    }

    void text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size) {
        const std::string_view raw(data, size);
        const long offset = data >= doc_.data() && data <= doc_.data() + doc_.size()
                                ? static_cast<long>(data - doc_.data())
                                : last_offset_;
        last_offset_ = offset;
        if (in_table_ && table_first_offset_ < 0) {
            table_first_offset_ = offset;
            if (owner_.table_offset_ < 0) {
                owner_.table_offset_ = offset;
            }
        }
        if (code_) {
            if (code_at_line_start_) {
                code_line_offsets_.push_back(offset);
            }
            code_text_ += raw;
            code_at_line_start_ = !raw.empty() && raw.back() == '\n';
            return;
        }
        std::string visible;
        switch (type) {
            case MD_TEXT_BR:
            case MD_TEXT_SOFTBR:
                line_break();
                return;
            case MD_TEXT_NULLCHAR:
                visible = "\xef\xbf\xbd";
                break;
            case MD_TEXT_ENTITY:
                append_visible(visible, decode_entity(raw));
                break;
            default:
                append_visible(visible, raw);
                break;
        }
        for (std::string& link_text : link_texts_) {
            link_text += visible;
        }
        add_inline(visible, offset);
    }

    // --- code blocks ---------------------------------------------------------------------
    void draw_code() {
        std::unique_ptr<CodeHighlighter> code = std::move(code_);
        if (!code) {
            return;
        }
        auto [first, next] = prefixes();
        std::string_view rest = code_text_;
        std::size_t line_index = 0;
        while (!rest.empty()) {
            const std::size_t nl = rest.find('\n');
            const std::string_view line = rest.substr(0, nl);
            std::string row = (line_index == 0 ? first : next).text;
            row.append(kCodeIndent, ' ');
            code->line(line, theme_, row);
            push_row(std::move(row), line_index < code_line_offsets_.size()
                                         ? code_line_offsets_[line_index]
                                         : last_offset_);
            ++line_index;
            if (nl == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(nl + 1);
        }
    }

    // --- tables --------------------------------------------------------------------------
    void draw_table();

    MarkdownRenderer& owner_;
    const Theme& theme_;
    std::string_view doc_;
    int width_;
    std::vector<RenderedRow>& rows_;
    std::size_t first_row_ = rows_.size();

    std::vector<Container> containers_;
    std::vector<Style> spans_;
    std::unique_ptr<RowBuilder> leaf_;
    Style leaf_style_;
    long leaf_offset_ = 0;
    long last_offset_ = 0;
    std::vector<std::string> link_urls_;
    std::vector<std::string> link_texts_;
    std::vector<bool> link_osc_;
    bool blank_pending_ = false;
    RowPrefix blank_prefix_;
    int top_blocks_ = 0;  // top-level blocks entered so far

    std::unique_ptr<CodeHighlighter> code_;
    std::string code_text_;
    std::vector<long> code_line_offsets_;
    bool code_at_line_start_ = true;

    std::vector<std::vector<Cell>> table_;
    std::vector<std::pair<std::string, std::string>> table_links_;
    Cell* cell_ = nullptr;
    int cell_link_ = -1;
    bool in_table_ = false;
    bool in_head_ = false;
    long table_first_offset_ = -1;
};

void MarkdownRenderer::Pass::draw_table() {
    std::size_t columns = 0;
    for (const auto& row : table_) {
        columns = std::max(columns, row.size());
    }
    if (columns == 0) {
        return;
    }
    for (auto& row : table_) {
        row.resize(columns);
    }
    // Not a structured binding: clang before 16 cannot capture one in a lambda.
    const std::pair<RowPrefix, RowPrefix> prefix_pair = prefixes();
    const RowPrefix& first = prefix_pair.first;
    const RowPrefix& next = prefix_pair.second;
    // Natural widths, then the widest column gives way until the table fits.
    std::vector<int> widths(columns, 1);
    for (const auto& row : table_) {
        for (std::size_t c = 0; c < columns; ++c) {
            widths[c] = std::max(widths[c], row[c].natural);
        }
    }
    // Each column takes its width plus "│ " before it and " " after; one "│" closes the row.
    const int available = width_ - first.width - 1 - 3 * static_cast<int>(columns);
    auto total = [&] {
        int sum = 0;
        for (const int w : widths) {
            sum += w;
        }
        return sum;
    };
    while (total() > available) {
        auto widest = std::max_element(widths.begin(), widths.end());
        if (*widest <= 3) {
            break;
        }
        --*widest;
    }
    const bool unicode = owner_.caps_.unicode;
    auto rule = [&](const char* left, const char* mid, const char* right) {
        std::string line = left;
        for (std::size_t c = 0; c < columns; ++c) {
            for (int i = 0; i < widths[c] + 2; ++i) {
                line += unicode ? "\xe2\x94\x80" : "-";
            }
            line += c + 1 < columns ? mid : right;
        }
        return theme_.paint(Role::kRule, line);
    };
    const std::string bar = theme_.paint(Role::kRule, unicode ? "\xe2\x94\x82" : "|");
    const long offset = table_first_offset_ >= 0 ? table_first_offset_ : last_offset_;
    bool first_row = true;
    auto prefix = [&] {
        const std::string& text = first_row ? first.text : next.text;
        first_row = false;
        return text;
    };
    push_row(prefix() + rule(unicode ? "\xe2\x94\x8c" : "+", unicode ? "\xe2\x94\xac" : "+",
                             unicode ? "\xe2\x94\x90" : "+"),
             offset);
    for (std::size_t r = 0; r < table_.size(); ++r) {
        // Each cell wrapped in its column; the row is as tall as its tallest cell.
        std::vector<std::vector<BuiltRow>> cells(columns);
        std::size_t height = 1;
        for (std::size_t c = 0; c < columns; ++c) {
            const Cell& cell = table_[r][c];
            RowBuilder builder(widths[c], {}, {}, theme_);
            for (const CellPiece& piece : cell.pieces) {
                if (piece.link >= 0) {
                    builder.set_link(builder.define_link(table_links_[piece.link].first,
                                                         table_links_[piece.link].second));
                } else {
                    builder.set_link(-1);
                }
                builder.add(piece.text,
                            cell.header ? piece.style | theme_.style(Role::kStrong) : piece.style);
            }
            cells[c] = builder.finish(true);
            height = std::max(height, cells[c].size());
        }
        for (std::size_t line = 0; line < height; ++line) {
            std::string row = prefix();
            for (std::size_t c = 0; c < columns; ++c) {
                row += bar;
                row += ' ';
                const BuiltRow empty;
                const BuiltRow& part = line < cells[c].size() ? cells[c][line] : empty;
                const int pad = std::max(0, widths[c] - part.width);
                int left = 0;
                if (table_[r][c].align == MD_ALIGN_RIGHT) {
                    left = pad;
                } else if (table_[r][c].align == MD_ALIGN_CENTER) {
                    left = pad / 2;
                }
                row.append(static_cast<std::size_t>(left), ' ');
                row += part.text;
                row.append(static_cast<std::size_t>(pad - left), ' ');
                row += ' ';
            }
            row += bar;
            push_row(std::move(row), offset);
        }
        if (r == 0 && table_.size() > 1) {
            push_row(prefix() + rule(unicode ? "\xe2\x94\x9c" : "+", unicode ? "\xe2\x94\xbc" : "+",
                                     unicode ? "\xe2\x94\xa4" : "+"),
                     offset);
        }
    }
    push_row(prefix() + rule(unicode ? "\xe2\x94\x94" : "+", unicode ? "\xe2\x94\xb4" : "+",
                             unicode ? "\xe2\x94\x98" : "+"),
             offset);
}

MarkdownRenderer::MarkdownRenderer(const Theme& theme, const TerminalCaps& caps, Style base)
    : theme_(theme), caps_(caps), base_(base) {}

void MarkdownRenderer::render(std::string_view markdown, int width, std::vector<RenderedRow>& rows,
                              unsigned continue_from) {
    table_offset_ = -1;
    next_number_ = 0;
    continue_from_ = continue_from;
    Pass pass(*this, markdown, width, rows);
    pass.run();
}

}  // namespace klaude::core::tui
