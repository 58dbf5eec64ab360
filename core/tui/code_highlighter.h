// Syntax colours for the code blocks of a Markdown answer: a small single-pass lexer driven by a
// table of languages (code_languages.cpp), one line at a time as the stream delivers them. A
// block comment or a multi-line string carries over to the next line. Unknown languages are
// plain. Built in rather than GNU source-highlight: see docs/interactive.md ("Rendering").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/tui/theme.h"

namespace klaude::core::tui {

// How one language is lexed. Keywords and types are sorted (binary search).
struct LanguageSpec {
    std::vector<std::string_view> names;  // the fence info words that select it ("cpp", "c++")
    std::vector<std::string_view> line_comments;  // "//", "#", "--"
    std::string_view block_open;                  // "/*", "<!--" (empty: none)
    std::string_view block_close;
    std::string_view quotes;            // characters that open a one-line string
    std::string_view multiline_quotes;  // those whose string may span lines (`, ')
    bool triple_quotes = false;         // python's """ and '''
    bool hash_preprocessor = false;     // a line starting with # is a directive (C family)
    bool at_annotations = false;        // @decorator, @Override
    bool case_insensitive = false;      // SQL keywords
    bool dollar_variables = false;      // $name, ${name} (shells, make, php)
    bool capitalised_types = false;     // an identifier starting upper-case is a type
    bool line_based_diff = false;       // + - @@ lines
    bool markup_tags = false;           // <tag attr="v">
    std::vector<std::string_view> keywords;
    std::vector<std::string_view> types;
};

// The language a fence's info string names ("```python title=x" → python), or nullptr.
const LanguageSpec* find_language(std::string_view fence_info);

class CodeHighlighter {
  public:
    explicit CodeHighlighter(std::string_view fence_info);

    // Whether the info string named a language this highlighter knows.
    bool known() const { return language_ != nullptr; }

    // Appends `src` (one line, no newline; made visible here) in the theme's colours, with
    // every style closed at its end. Carries block comment and string state to the next line.
    void line(std::string_view src, const Theme& theme, std::string& out);

  private:
    enum class Carry { kNone, kBlockComment, kString };
    class Painter;

    const LanguageSpec* language_;
    Carry carry_ = Carry::kNone;
    std::string closing_;  // what ends the carried string (a quote or """)
};

}  // namespace klaude::core::tui
