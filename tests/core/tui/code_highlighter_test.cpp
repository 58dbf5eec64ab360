// The built-in highlighter, language by language, through Theme::tagged():
// {fg=5} keyword, {fg=3} type, {fg=2} string, {dim}{i} comment, {fg=6} number, {fg=4} preproc.
#include "core/tui/code_highlighter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace klaude::core::tui {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> highlight(std::string_view info, const std::vector<std::string>& lines) {
    const Theme theme = Theme::tagged();
    CodeHighlighter highlighter(info);
    std::vector<std::string> out;
    for (const std::string& line : lines) {
        std::string row;
        highlighter.line(line, theme, row);
        out.push_back(row);
    }
    return out;
}

TEST(CodeHighlighterTest, FindsLanguagesByTheFirstWordOfTheInfoString) {
    EXPECT_TRUE(CodeHighlighter("python").known());
    EXPECT_TRUE(CodeHighlighter("Python title=\"x.py\"").known());
    EXPECT_TRUE(CodeHighlighter("{.cpp}").known());
    EXPECT_TRUE(CodeHighlighter("c++").known());
    EXPECT_TRUE(CodeHighlighter("console").known());
    EXPECT_FALSE(CodeHighlighter("").known());
    EXPECT_FALSE(CodeHighlighter("brainfuck").known());
    for (const char* name :
         {"c",    "cpp",  "java",   "cs",    "js",    "ts",    "jsx",  "tsx",
          "go",   "rust", "kotlin", "swift", "scala", "php",   "dart", "python",
          "ruby", "sh",   "bash",   "zsh",   "json",  "yaml",  "toml", "ini",
          "sql",  "diff", "html",   "xml",   "make",  "cmake", "lua",  "dockerfile"}) {
        EXPECT_TRUE(CodeHighlighter(name).known()) << name;
    }
}

TEST(CodeHighlighterTest, UnknownLanguagesArePlainButStillMadeVisible) {
    EXPECT_THAT(highlight("", {"if x == \"y\"", "\x1b[2J"}),
                ElementsAre("if x == \"y\"", "\xef\xbf\xbd[2J"));
}

TEST(CodeHighlighterTest, Python) {
    EXPECT_THAT(highlight("python", {"def f(x: int) -> str:  # note", "    return 'a' + 42"}),
                ElementsAre("{fg=5}def{/} f(x: {fg=3}int{/}) -> {fg=3}str{/}:  {dim}{i}# note{/}",
                            "    {fg=5}return{/} {fg=2}'a'{/} + {fg=6}42{/}"));
}

TEST(CodeHighlighterTest, PythonTripleQuotedStringsSpanLines) {
    EXPECT_THAT(highlight("py", {"x = \"\"\"one", "two # not a comment", "three\"\"\" if y"}),
                ElementsAre("x = {fg=2}\"\"\"one{/}", "{fg=2}two # not a comment{/}",
                            "{fg=2}three\"\"\"{/} {fg=5}if{/} y"));
}

TEST(CodeHighlighterTest, CppBlockCommentsSpanLinesAndDirectivesArePreproc) {
    EXPECT_THAT(
        highlight("cpp", {"#include <vector>", "int x = 0x1F; /* start", "still */ return x;"}),
        ElementsAre("{fg=4}#include <vector>{/}",
                    "{fg=3}int{/} x = {fg=6}0x1F{/}; {dim}{i}/* start{/}",
                    "{dim}{i}still */{/} {fg=5}return{/} x;"));
}

TEST(CodeHighlighterTest, StringsHonourEscapes) {
    EXPECT_THAT(highlight("c", {R"(puts("a \" b"); // c)"}),
                ElementsAre(R"(puts({fg=2}"a \" b"{/}); {dim}{i}// c{/})"));
}

TEST(CodeHighlighterTest, JavaScriptTemplateStringsSpanLines) {
    EXPECT_THAT(highlight("js", {"const s = `a", "b` + 1"}),
                ElementsAre("{fg=5}const{/} s = {fg=2}`a{/}", "{fg=2}b`{/} + {fg=6}1{/}"));
}

TEST(CodeHighlighterTest, RustTypesAndKeywords) {
    EXPECT_THAT(highlight("rust", {"fn main() -> Result<u8> {"}),
                ElementsAre("{fg=5}fn{/} main() -> {fg=3}Result{/}<{fg=3}u8{/}> {"));
}

TEST(CodeHighlighterTest, GoAndJava) {
    EXPECT_THAT(highlight("go", {"func f() error { return nil }"}),
                ElementsAre("{fg=5}func{/} f() {fg=3}error{/} { {fg=5}return{/} {fg=5}nil{/} }"));
    EXPECT_THAT(highlight("java", {"@Override public void run() {"}),
                ElementsAre("{fg=4}@Override{/} {fg=5}public{/} {fg=5}void{/} run() {"));
}

TEST(CodeHighlighterTest, ShellVariablesAndComments) {
    EXPECT_THAT(highlight("bash", {"for f in $FILES; do echo \"${f}\"; done # loop"}),
                ElementsAre("{fg=5}for{/} f {fg=5}in{/} {fg=3}$FILES{/}; {fg=5}do{/} "
                            "{fg=5}echo{/} {fg=2}\"${f}\"{/}; {fg=5}done{/} {dim}{i}# loop{/}"));
}

TEST(CodeHighlighterTest, SqlKeywordsInAnyCase) {
    EXPECT_THAT(highlight("sql", {"SELECT name FROM t WHERE id = 1; -- one"}),
                ElementsAre("{fg=5}SELECT{/} name {fg=5}FROM{/} t {fg=5}WHERE{/} id = {fg=6}1{/}; "
                            "{dim}{i}-- one{/}"));
}

TEST(CodeHighlighterTest, JsonYamlToml) {
    EXPECT_THAT(highlight("json", {R"({"a": [1, true, null]})"}),
                ElementsAre(R"({{fg=2}"a"{/}: [{fg=6}1{/}, {fg=5}true{/}, {fg=5}null{/}]})"));
    EXPECT_THAT(highlight("yaml", {"on: true  # c"}),
                ElementsAre("on: {fg=5}true{/}  {dim}{i}# c{/}"));
    EXPECT_THAT(highlight("toml", {"name = \"x\" ; c"}),
                ElementsAre("name = {fg=2}\"x\"{/} {dim}{i}; c{/}"));
}

TEST(CodeHighlighterTest, DiffLines) {
    EXPECT_THAT(highlight("diff", {"--- a/x", "+++ b/x", "@@ -1 +1 @@", "-old", "+new", " same"}),
                ElementsAre("{b}--- a/x{/}", "{b}+++ b/x{/}", "{fg=6}@@ -1 +1 @@{/}",
                            "{fg=1}-old{/}", "{fg=2}+new{/}", " same"));
}

TEST(CodeHighlighterTest, HtmlTagsAttributesAndCommentsAcrossLines) {
    EXPECT_THAT(highlight("html", {"<a href=\"x\">link</a> <!-- c", "d -->"}),
                ElementsAre("<{fg=5}a{/} {fg=3}href{/}={fg=2}\"x\"{/}>link</{fg=5}a{/}> "
                            "{dim}{i}<!-- c{/}",
                            "{dim}{i}d -->{/}"));
}

TEST(CodeHighlighterTest, LuaMakeDockerRubyKotlin) {
    EXPECT_THAT(highlight("lua", {"local x = nil -- c"}),
                ElementsAre("{fg=5}local{/} x = {fg=5}nil{/} {dim}{i}-- c{/}"));
    EXPECT_THAT(highlight("cmake", {"add_library(x $(Y))"}),
                ElementsAre("{fg=5}add_library{/}(x $(Y))"));
    EXPECT_THAT(highlight("dockerfile", {"FROM debian:12"}),
                ElementsAre("{fg=5}FROM{/} debian:{fg=6}12{/}"));
    EXPECT_THAT(highlight("ruby", {"def x; end"}), ElementsAre("{fg=5}def{/} x; {fg=5}end{/}"));
    EXPECT_THAT(highlight("kotlin", {"val s = \"\"\"a", "b\"\"\""}),
                ElementsAre("{fg=5}val{/} s = {fg=2}\"\"\"a{/}", "{fg=2}b\"\"\"{/}"));
}

TEST(CodeHighlighterTest, DigitsInsideNamesAreNotNumbers) {
    EXPECT_THAT(highlight("c", {"int x2 = y3;"}), ElementsAre("{fg=3}int{/} x2 = y3;"));
}

}  // namespace
}  // namespace klaude::core::tui
