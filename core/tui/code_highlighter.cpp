#include "core/tui/code_highlighter.h"

#include <algorithm>
#include <cctype>

#include "core/tui/text_width.h"

namespace klaude::core::tui {

namespace {

bool ident_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool digit(char c) {
    return c >= '0' && c <= '9';
}

bool sorted_contains(const std::vector<std::string_view>& words, std::string_view word) {
    return std::binary_search(words.begin(), words.end(), word);
}

// Where the string that `closing` ends stops in `src` from `from` (just after the closing
// delimiter), honouring backslash escapes; npos when the line ends first.
std::size_t string_end(std::string_view src, std::size_t from, std::string_view closing) {
    for (std::size_t i = from; i < src.size(); ++i) {
        if (src[i] == '\\') {
            ++i;
            continue;
        }
        if (src.compare(i, closing.size(), closing) == 0) {
            return i + closing.size();
        }
    }
    return std::string_view::npos;
}

}  // namespace

// Writes runs of text in roles, switching the terminal style only when the role changes.
class CodeHighlighter::Painter {
  public:
    Painter(const Theme& theme, std::string& out) : theme_(theme), out_(out) {}
    ~Painter() {
        if (!current_.plain()) {
            theme_.reset(out_);
        }
    }
    void paint(Role role, std::string_view text) {
        if (text.empty()) {
            return;
        }
        const Style style = role == Role::kPlain ? Style{} : theme_.style(role);
        if (style != current_) {
            theme_.set(out_, style);
            current_ = style;
        }
        append_visible(out_, text);
    }

  private:
    const Theme& theme_;
    std::string& out_;
    Style current_;
};

CodeHighlighter::CodeHighlighter(std::string_view fence_info)
    : language_(find_language(fence_info)) {}

void CodeHighlighter::line(std::string_view src, const Theme& theme, std::string& out) {
    Painter painter(theme, out);
    if (language_ == nullptr) {
        painter.paint(Role::kPlain, src);
        return;
    }
    const LanguageSpec& lang = *language_;
    std::size_t i = 0;
    // What the previous line left open.
    if (carry_ == Carry::kBlockComment) {
        const std::size_t close = src.find(lang.block_close);
        if (close == std::string_view::npos) {
            painter.paint(Role::kComment, src);
            return;
        }
        i = close + lang.block_close.size();
        painter.paint(Role::kComment, src.substr(0, i));
        carry_ = Carry::kNone;
    } else if (carry_ == Carry::kString) {
        const std::size_t end = string_end(src, 0, closing_);
        if (end == std::string_view::npos) {
            painter.paint(Role::kString, src);
            return;
        }
        painter.paint(Role::kString, src.substr(0, end));
        i = end;
        carry_ = Carry::kNone;
    }
    if (lang.line_based_diff) {
        Role role = Role::kPlain;
        if (src.rfind("+++", 0) == 0 || src.rfind("---", 0) == 0) {
            role = Role::kDiffFile;
        } else if (!src.empty() && src[0] == '+') {
            role = Role::kDiffAdd;
        } else if (!src.empty() && src[0] == '-') {
            role = Role::kDiffDel;
        } else if (src.rfind("@@", 0) == 0) {
            role = Role::kDiffHunk;
        }
        painter.paint(role, src);
        return;
    }
    if (lang.hash_preprocessor && i == 0) {
        const std::size_t first = src.find_first_not_of(" \t");
        if (first != std::string_view::npos && src[first] == '#') {
            painter.paint(Role::kPreproc, src);
            return;
        }
    }
    bool in_tag = false;
    while (i < src.size()) {
        const char c = src[i];
        // Comments.
        bool comment = false;
        for (std::string_view marker : lang.line_comments) {
            if (src.compare(i, marker.size(), marker) == 0) {
                comment = true;
                break;
            }
        }
        if (comment) {
            painter.paint(Role::kComment, src.substr(i));
            return;
        }
        if (!lang.block_open.empty() &&
            src.compare(i, lang.block_open.size(), lang.block_open) == 0) {
            const std::size_t close = src.find(lang.block_close, i + lang.block_open.size());
            if (close == std::string_view::npos) {
                painter.paint(Role::kComment, src.substr(i));
                carry_ = Carry::kBlockComment;
                return;
            }
            const std::size_t end = close + lang.block_close.size();
            painter.paint(Role::kComment, src.substr(i, end - i));
            i = end;
            continue;
        }
        // Strings.
        if (lang.triple_quotes &&
            (src.compare(i, 3, "\"\"\"") == 0 || src.compare(i, 3, "'''") == 0)) {
            const std::string_view closing = src.substr(i, 3);
            const std::size_t end = string_end(src, i + 3, closing);
            if (end == std::string_view::npos) {
                painter.paint(Role::kString, src.substr(i));
                carry_ = Carry::kString;
                closing_ = std::string(closing);
                return;
            }
            painter.paint(Role::kString, src.substr(i, end - i));
            i = end;
            continue;
        }
        if (lang.quotes.find(c) != std::string_view::npos) {
            const std::size_t end = string_end(src, i + 1, std::string_view(&src[i], 1));
            if (end == std::string_view::npos) {
                painter.paint(Role::kString, src.substr(i));
                if (lang.multiline_quotes.find(c) != std::string_view::npos) {
                    carry_ = Carry::kString;
                    closing_ = std::string(1, c);
                }
                return;
            }
            painter.paint(Role::kString, src.substr(i, end - i));
            i = end;
            continue;
        }
        // Numbers (not the digits inside a name such as x2).
        if (digit(c) && (i == 0 || !ident_char(src[i - 1]))) {
            std::size_t end = i + 1;
            while (end < src.size() && (ident_char(src[end]) || src[end] == '.')) {
                ++end;
            }
            painter.paint(Role::kNumber, src.substr(i, end - i));
            i = end;
            continue;
        }
        if (lang.markup_tags && c == '<') {
            std::size_t end = i + 1;
            if (end < src.size() && (src[end] == '/' || src[end] == '!' || src[end] == '?')) {
                ++end;
            }
            std::size_t name_end = end;
            while (name_end < src.size() &&
                   (ident_char(src[name_end]) || src[name_end] == '-' || src[name_end] == ':')) {
                ++name_end;
            }
            painter.paint(Role::kPlain, src.substr(i, end - i));
            painter.paint(Role::kKeyword, src.substr(end, name_end - end));
            in_tag = true;
            i = name_end;
            continue;
        }
        if (lang.markup_tags && c == '>') {
            in_tag = false;
        }
        if ((lang.dollar_variables && c == '$') || (lang.at_annotations && c == '@')) {
            std::size_t end = i + 1;
            if (c == '$' && end < src.size() && src[end] == '{') {
                const std::size_t close = src.find('}', end);
                end = close == std::string_view::npos ? src.size() : close + 1;
            } else {
                while (end < src.size() && (ident_char(src[end]) || src[end] == '.')) {
                    ++end;
                }
            }
            if (end > i + 1) {
                painter.paint(c == '$' ? Role::kType : Role::kPreproc, src.substr(i, end - i));
                i = end;
                continue;
            }
        }
        if (ident_start(c)) {
            std::size_t end = i + 1;
            while (end < src.size() && ident_char(src[end])) {
                ++end;
            }
            const std::string_view word = src.substr(i, end - i);
            Role role = Role::kPlain;
            if (lang.markup_tags) {
                role = in_tag && end < src.size() && src[end] == '=' ? Role::kType : Role::kPlain;
            } else if (lang.case_insensitive) {
                std::string lower(word);
                for (char& ch : lower) {
                    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                }
                if (sorted_contains(lang.keywords, lower)) {
                    role = Role::kKeyword;
                } else if (sorted_contains(lang.types, lower)) {
                    role = Role::kType;
                }
            } else if (sorted_contains(lang.keywords, word)) {
                role = Role::kKeyword;
            } else if (sorted_contains(lang.types, word) ||
                       (lang.capitalised_types && std::isupper(static_cast<unsigned char>(c)))) {
                role = Role::kType;
            }
            painter.paint(role, word);
            i = end;
            continue;
        }
        // Anything else up to the next character that may start a token.
        std::size_t end = i + 1;
        while (end < src.size() && !ident_start(src[end]) && !digit(src[end]) &&
               std::string_view("\"'`/#-<>$@{*;%").find(src[end]) == std::string_view::npos) {
            ++end;
        }
        painter.paint(Role::kPlain, src.substr(i, end - i));
        i = end;
    }
}

}  // namespace klaude::core::tui
