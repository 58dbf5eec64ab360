// The Markdown renderer's rows for each construct, at width 40, through Theme::tagged() so the
// styles read as {b}...{/}: what a terminal shows, minus the escape sequences.
#include "core/tui/markdown_renderer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace klaude::core::tui {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr TerminalCaps kUnicode{true, true, true, true, false};
constexpr TerminalCaps kHyperlinks{true, true, true, true, true};
constexpr TerminalCaps kAscii{true, true, true, false, false};

std::vector<std::string> render(std::string_view markdown, const TerminalCaps& caps = kUnicode,
                                int width = 40) {
    const Theme theme = Theme::tagged();
    MarkdownRenderer renderer(theme, caps);
    std::vector<RenderedRow> rows;
    renderer.render(markdown, width, rows);
    std::vector<std::string> text;
    for (const RenderedRow& row : rows) {
        text.push_back(row.text);
    }
    return text;
}

TEST(MarkdownRendererTest, HeadingsLoseTheirHashesAndTakeTheirStyle) {
    EXPECT_THAT(render("# Title\n## Part\n### Small\n"),
                ElementsAre("{b}{u}{fg=5}Title{/}", "", "{b}{fg=5}Part{/}", "", "{b}Small{/}"));
}

TEST(MarkdownRendererTest, EmphasisStrongStrikeAndInlineCode) {
    EXPECT_THAT(render("a *it* **bold** ~~gone~~ `x = 1`\n"),
                ElementsAre("a {i}it{/} {b}bold{/} {s}gone{/} {fg=6}x = 1{/}"));
}

TEST(MarkdownRendererTest, NestedSpansAddUp) {
    EXPECT_THAT(render("**bold *both***\n"), ElementsAre("{b}bold {b}{i}both{/}"));
}

TEST(MarkdownRendererTest, ParagraphsWrapAtTheWidthAndSoftBreaksStartARow) {
    EXPECT_THAT(render("one two three four five six seven eight nine ten\nnext line\n"),
                ElementsAre("one two three four five six seven eight", "nine ten", "next line"));
}

TEST(MarkdownRendererTest, AWordWiderThanTheRowIsCut) {
    EXPECT_THAT(render(std::string(50, 'x') + "\n"),
                ElementsAre(std::string(40, 'x'), std::string(10, 'x')));
}

TEST(MarkdownRendererTest, ParagraphsAreSeparatedByOneBlankRow) {
    EXPECT_THAT(render("first\n\n\n\nsecond\n"), ElementsAre("first", "", "second"));
}

TEST(MarkdownRendererTest, BulletsByDepthWithoutBlankRowsBetweenItems) {
    EXPECT_THAT(render("- one\n- two\n  - inner\n    - deep\n\n- loose\n"),
                ElementsAre("{dim}\xe2\x80\xa2{/} one", "{dim}\xe2\x80\xa2{/} two",
                            "  {dim}\xe2\x97\xa6{/} inner", "    {dim}\xe2\x96\xaa{/} deep",
                            "{dim}\xe2\x80\xa2{/} loose"));
}

TEST(MarkdownRendererTest, ListItemsWrapUnderTheirText) {
    EXPECT_THAT(
        render("- alpha beta gamma delta epsilon zeta eta theta\n"),
        ElementsAre("{dim}\xe2\x80\xa2{/} alpha beta gamma delta epsilon zeta", "  eta theta"));
}

TEST(MarkdownRendererTest, OrderedListsKeepTheirNumbers) {
    EXPECT_THAT(render("3. three\n4. four\n"), ElementsAre("{dim}3.{/} three", "{dim}4.{/} four"));
}

TEST(MarkdownRendererTest, TaskItems) {
    EXPECT_THAT(render("- [ ] todo\n- [x] done\n"),
                ElementsAre("{dim}\xe2\x98\x90{/} todo", "{dim}\xe2\x98\x91{/} done"));
    EXPECT_THAT(render("- [ ] todo\n- [x] done\n", kAscii),
                ElementsAre("{dim}[ ]{/} todo", "{dim}[x]{/} done"));
}

TEST(MarkdownRendererTest, AsciiBulletsWithoutUnicode) {
    EXPECT_THAT(render("- one\n", kAscii), ElementsAre("{dim}-{/} one"));
}

TEST(MarkdownRendererTest, BlockQuotesHaveABarAndDimText) {
    EXPECT_THAT(render("> quoted\n>\n> more\n\nafter\n"),
                ElementsAre("{dim}\xe2\x94\x82 {/}{dim}quoted{/}", "{dim}\xe2\x94\x82{/}",
                            "{dim}\xe2\x94\x82 {/}{dim}more{/}", "", "after"));
}

TEST(MarkdownRendererTest, RulesSpanTheWidth) {
    std::string line;
    for (int i = 0; i < 40; ++i) {
        line += "\xe2\x94\x80";
    }
    EXPECT_THAT(render("---\n"), ElementsAre("{dim}" + line + "{/}"));
    EXPECT_THAT(render("***\n", kAscii), ElementsAre("{dim}" + std::string(40, '-') + "{/}"));
}

TEST(MarkdownRendererTest, LinksShowTheirUrlWithoutHyperlinks) {
    EXPECT_THAT(render("see [the docs](https://x.org/d) now\n"),
                ElementsAre("see {u}{fg=4}the docs{/} {dim}(https://x.org/d){/} now"));
    // An autolink's text is its url: not shown twice.
    EXPECT_THAT(render("at https://x.org now\n"), ElementsAre("at {u}{fg=4}https://x.org{/} now"));
}

TEST(MarkdownRendererTest, LinksAreOsc8HyperlinksWhenTheTerminalHasThem) {
    EXPECT_THAT(render("see [the docs](https://x.org/d) now\n", kHyperlinks),
                ElementsAre("see {link=https://x.org/d}{u}{fg=4}the docs{/link}{/} now"));
    const Theme ansi = Theme::ansi();
    MarkdownRenderer renderer(ansi, kHyperlinks);
    std::vector<RenderedRow> rows;
    renderer.render("[a](http://e.com/\x1b)\n", 40, rows);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_THAT(rows[0].text, HasSubstr("\x1b]8;;http://e.com/%1B\x1b\\"));
    EXPECT_THAT(rows[0].text, HasSubstr("\x1b]8;;\x1b\\"));
}

TEST(MarkdownRendererTest, FencedCodeIsIndentedAndHighlightedWithoutFenceRows) {
    const auto rows = render("```python\ndef f():\n    return 1\n```\n");
    EXPECT_THAT(rows, ElementsAre("  {fg=5}def{/} f():", "      {fg=5}return{/} {fg=6}1{/}"));
}

TEST(MarkdownRendererTest, CodeRowsAreNeverWrapped) {
    const std::string long_line(60, 'a');
    EXPECT_THAT(render("```\n" + long_line + "\n```\n"), ElementsAre("  " + long_line));
}

TEST(MarkdownRendererTest, TablesAreDrawnWithBoxCharacters) {
    EXPECT_THAT(render("| a | bb |\n|---|--:|\n| 1 | 2 |\n"),
                ElementsAre("{dim}\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\xac"
                            "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x90{/}",
                            "{dim}\xe2\x94\x82{/} {b}a{/} {dim}\xe2\x94\x82{/} {b}bb{/} "
                            "{dim}\xe2\x94\x82{/}",
                            "{dim}\xe2\x94\x9c\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\xbc"
                            "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\xa4{/}",
                            "{dim}\xe2\x94\x82{/} 1 {dim}\xe2\x94\x82{/}  2 {dim}\xe2\x94\x82{/}",
                            "{dim}\xe2\x94\x94\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\xb4"
                            "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x98{/}"));
}

TEST(MarkdownRendererTest, TablesAreAsciiWithoutUnicode) {
    EXPECT_THAT(
        render("| a | b |\n|---|---|\n| 1 | 2 |\n", kAscii),
        ElementsAre("{dim}+---+---+{/}", "{dim}|{/} {b}a{/} {dim}|{/} {b}b{/} {dim}|{/}",
                    "{dim}+---+---+{/}", "{dim}|{/} 1 {dim}|{/} 2 {dim}|{/}", "{dim}+---+---+{/}"));
}

TEST(MarkdownRendererTest, WideTablesWrapTheirWidestColumn) {
    const auto rows = render(
        "| name | what |\n|---|---|\n| x | a long description that cannot fit in one row |\n",
        kAscii);
    for (const std::string& row : rows) {
        std::string plain;
        bool in_tag = false;
        for (char c : row) {
            if (c == '{')
                in_tag = true;
            if (!in_tag)
                plain += c;
            if (c == '}')
                in_tag = false;
        }
        EXPECT_LE(plain.size(), 40u) << row;
    }
    EXPECT_GT(rows.size(), 5u);
}

TEST(MarkdownRendererTest, EntitiesAreDecoded) {
    EXPECT_THAT(render("a &amp; b &lt;c&gt; &#65;&#x42; &copy; &bogus;\n"),
                ElementsAre("a & b <c> AB \xc2\xa9 &bogus;"));
}

TEST(MarkdownRendererTest, HtmlIsShownAsText) {
    EXPECT_THAT(render("<b>not bold</b>\n"), ElementsAre("<b>not bold</b>"));
}

TEST(MarkdownRendererTest, NeverAsterisksOrFenceRows) {
    const auto rows = render("**a** and __b__\n\n```sh\nls\n```\n~~~\nx\n~~~\n");
    for (const std::string& row : rows) {
        EXPECT_THAT(row, Not(HasSubstr("**")));
        EXPECT_THAT(row, Not(HasSubstr("```")));
        EXPECT_THAT(row, Not(HasSubstr("~~~")));
    }
}

TEST(MarkdownRendererTest, EscapesInModelTextAreMadeVisible) {
    const Theme ansi = Theme::ansi();
    MarkdownRenderer renderer(ansi, kUnicode);
    std::vector<RenderedRow> rows;
    renderer.render("evil \x1b[31mred\x1b[0m **b**\n", 40, rows);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text, "evil \xef\xbf\xbd[31mred\xef\xbf\xbd[0m \x1b[0;1mb\x1b[0m");
}

TEST(MarkdownRendererTest, PlainThemeWritesNoEscapes) {
    const Theme plain = Theme::plain();
    MarkdownRenderer renderer(plain, kAscii);
    std::vector<RenderedRow> rows;
    renderer.render("# T\n\n**b** `c` [l](http://u)\n\n- i\n", 40, rows);
    std::vector<std::string> text;
    for (const auto& row : rows) {
        text.push_back(row.text);
    }
    EXPECT_THAT(text, ElementsAre("T", "", "b c l (http://u)", "", "- i"));
}

TEST(MarkdownRendererTest, ABaseStyleIsAddedToEverything) {
    const Theme theme = Theme::tagged();
    MarkdownRenderer renderer(theme, kUnicode, theme.style(Role::kDim));
    std::vector<RenderedRow> rows;
    renderer.render("a **b**\n", 40, rows);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text, "{dim}a {b}{dim}b{/}");
}

TEST(MarkdownRendererTest, ReportsWhereATableStarts) {
    const Theme theme = Theme::tagged();
    MarkdownRenderer renderer(theme, kUnicode);
    std::vector<RenderedRow> rows;
    renderer.render("text\n\n| a |\n|---|\n", 40, rows);
    EXPECT_EQ(renderer.table_offset(), 8);
    rows.clear();
    renderer.render("text\n", 40, rows);
    EXPECT_EQ(renderer.table_offset(), -1);
}

}  // namespace
}  // namespace klaude::core::tui
