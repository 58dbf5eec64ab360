// The languages the built-in highlighter knows: what models write most in answers. Each entry
// is data only (comment and string delimiters, keyword and type lists); code_highlighter.cpp
// is the one lexer for all of them.
#include <algorithm>
#include <cctype>
#include <string>

#include "core/tui/code_highlighter.h"

namespace klaude::core::tui {

namespace {

using Words = std::vector<std::string_view>;

const Words kCKeywords = {"break",  "case",     "const",  "continue", "default", "do",
                          "else",   "enum",     "extern", "for",      "goto",    "if",
                          "inline", "register", "return", "sizeof",   "static",  "struct",
                          "switch", "typedef",  "union",  "volatile", "while",   "NULL"};
const Words kCTypes = {"bool",     "char",    "double",  "float",    "int",      "long",
                       "short",    "signed",  "size_t",  "unsigned", "void",     "int8_t",
                       "int16_t",  "int32_t", "int64_t", "uint8_t",  "uint16_t", "uint32_t",
                       "uint64_t", "ssize_t", "FILE"};

Words join(Words a, const Words& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::vector<LanguageSpec> build_languages() {
    std::vector<LanguageSpec> langs;
    auto c_like = [](Words names, Words keywords, Words types) {
        LanguageSpec spec;
        spec.names = std::move(names);
        spec.line_comments = {"//"};
        spec.block_open = "/*";
        spec.block_close = "*/";
        spec.quotes = "\"'";
        spec.keywords = std::move(keywords);
        spec.types = std::move(types);
        return spec;
    };

    LanguageSpec c = c_like({"c", "h"}, kCKeywords, kCTypes);
    c.hash_preprocessor = true;
    langs.push_back(c);

    LanguageSpec cpp = c_like(
        {"cpp", "c++", "cc", "cxx", "hpp", "hh", "cuda"},
        join(kCKeywords, {"alignas",
                          "auto",
                          "catch",
                          "class",
                          "co_await",
                          "co_return",
                          "co_yield",
                          "concept",
                          "constexpr",
                          "consteval",
                          "const_cast",
                          "decltype",
                          "delete",
                          "dynamic_cast",
                          "explicit",
                          "false",
                          "final",
                          "friend",
                          "mutable",
                          "namespace",
                          "new",
                          "noexcept",
                          "nullptr",
                          "operator",
                          "override",
                          "private",
                          "protected",
                          "public",
                          "reinterpret_cast",
                          "requires",
                          "static_assert",
                          "static_cast",
                          "template",
                          "this",
                          "throw",
                          "true",
                          "try",
                          "typename",
                          "using",
                          "virtual"}),
        join(kCTypes, {"std", "string", "string_view", "vector", "map", "unique_ptr", "shared_ptr",
                       "optional", "wchar_t", "char8_t", "char16_t", "char32_t"}));
    cpp.hash_preprocessor = true;
    langs.push_back(cpp);

    LanguageSpec java = c_like(
        {"java"},
        {"abstract", "assert", "break",   "case",       "catch",        "class",      "continue",
         "default",  "do",     "else",    "enum",       "extends",      "false",      "final",
         "finally",  "for",    "if",      "implements", "import",       "instanceof", "interface",
         "new",      "null",   "package", "private",    "protected",    "public",     "record",
         "return",   "static", "super",   "switch",     "synchronized", "this",       "throw",
         "throws",   "true",   "try",     "var",        "void",         "volatile",   "while",
         "yield"},
        {"boolean", "byte", "char", "double", "float", "int", "long", "short"});
    java.at_annotations = true;
    java.capitalised_types = true;
    langs.push_back(java);

    LanguageSpec cs =
        c_like({"cs", "csharp", "c#"},
               {"abstract", "as",      "async", "await",     "base",     "break",     "case",
                "catch",    "class",   "const", "continue",  "default",  "delegate",  "do",
                "else",     "enum",    "event", "false",     "finally",  "for",       "foreach",
                "get",      "if",      "in",    "interface", "internal", "is",        "namespace",
                "new",      "null",    "out",   "override",  "private",  "protected", "public",
                "readonly", "record",  "ref",   "return",    "sealed",   "set",       "static",
                "struct",   "switch",  "this",  "throw",     "true",     "try",       "using",
                "var",      "virtual", "void",  "while",     "yield"},
               {"bool", "byte", "char", "decimal", "double", "float", "int", "long", "object",
                "short", "string", "uint", "ulong"});
    cs.hash_preprocessor = true;
    cs.capitalised_types = true;
    langs.push_back(cs);

    const Words js_keywords = {
        "as",         "async",    "await",   "break",  "case",     "catch",  "class",     "const",
        "continue",   "debugger", "default", "delete", "do",       "else",   "export",    "extends",
        "false",      "finally",  "for",     "from",   "function", "if",     "import",    "in",
        "instanceof", "let",      "new",     "null",   "of",       "return", "static",    "super",
        "switch",     "this",     "throw",   "true",   "try",      "typeof", "undefined", "var",
        "void",       "while",    "yield"};
    LanguageSpec js = c_like({"js", "javascript", "jsx", "mjs", "cjs", "node"}, js_keywords, {});
    js.quotes = "\"'`";
    js.multiline_quotes = "`";
    langs.push_back(js);

    LanguageSpec ts = c_like(
        {"ts", "typescript", "tsx"},
        join(js_keywords, {"abstract", "declare", "enum", "implements", "interface", "keyof",
                           "namespace", "private", "protected", "public", "readonly", "type"}),
        {"any", "bigint", "boolean", "never", "number", "object", "string", "symbol", "unknown"});
    ts.quotes = "\"'`";
    ts.multiline_quotes = "`";
    ts.capitalised_types = true;
    langs.push_back(ts);

    LanguageSpec go =
        c_like({"go", "golang"},
               {"break",       "case",   "chan", "const", "continue", "default", "defer",  "else",
                "fallthrough", "false",  "for",  "func",  "go",       "goto",    "if",     "import",
                "interface",   "iota",   "map",  "nil",   "package",  "range",   "return", "select",
                "struct",      "switch", "true", "type",  "var"},
               {"any",  "bool",   "byte",   "complex128", "error", "float32", "float64",
                "int",  "int16",  "int32",  "int64",      "int8",  "rune",    "string",
                "uint", "uint16", "uint32", "uint64",     "uint8", "uintptr"});
    go.quotes = "\"'`";
    go.multiline_quotes = "`";
    langs.push_back(go);

    LanguageSpec rust =
        c_like({"rust", "rs"},
               {"as",   "async",  "await",  "break",  "const",  "continue", "crate", "dyn",
                "else", "enum",   "extern", "false",  "fn",     "for",      "if",    "impl",
                "in",   "let",    "loop",   "match",  "mod",    "move",     "mut",   "pub",
                "ref",  "return", "self",   "static", "struct", "super",    "trait", "true",
                "type", "unsafe", "use",    "where",  "while"},
               {"bool", "char", "f32", "f64", "i128", "i16", "i32", "i64", "i8", "isize", "str",
                "u128", "u16", "u32", "u64", "u8", "usize"});
    rust.quotes = "\"";
    rust.multiline_quotes = "\"";
    rust.capitalised_types = true;
    langs.push_back(rust);

    LanguageSpec kotlin = c_like(
        {"kotlin", "kt", "kts"},
        {"as",    "break",  "class",    "companion", "continue", "data",   "do",        "else",
         "false", "for",    "fun",      "if",        "import",   "in",     "interface", "is",
         "null",  "object", "override", "package",   "private",  "return", "sealed",    "super",
         "this",  "throw",  "true",     "try",       "val",      "var",    "when",      "while"},
        {});
    kotlin.triple_quotes = true;
    kotlin.at_annotations = true;
    kotlin.capitalised_types = true;
    langs.push_back(kotlin);

    LanguageSpec swift = c_like(
        {"swift"},
        {"as",     "break",  "case", "catch",     "class",  "continue", "default", "defer",
         "do",     "else",   "enum", "extension", "false",  "for",      "func",    "guard",
         "if",     "import", "in",   "init",      "let",    "nil",      "private", "protocol",
         "public", "return", "self", "static",    "struct", "switch",   "throw",   "throws",
         "true",   "try",    "var",  "where",     "while"},
        {});
    swift.triple_quotes = true;
    swift.capitalised_types = true;
    langs.push_back(swift);

    LanguageSpec scala = c_like(
        {"scala", "sc"}, {"case",   "catch",  "class", "def",    "do",       "else",    "extends",
                          "false",  "final",  "for",   "if",     "implicit", "import",  "lazy",
                          "match",  "new",    "null",  "object", "override", "package", "private",
                          "return", "sealed", "super", "this",   "throw",    "trait",   "true",
                          "try",    "type",   "val",   "var",    "while",    "with",    "yield"},
        {});
    scala.triple_quotes = true;
    scala.capitalised_types = true;
    langs.push_back(scala);

    LanguageSpec php = c_like(
        {"php"},
        {"abstract",  "array",      "as",        "break",     "case",   "catch",   "class",
         "const",     "continue",   "default",   "do",        "echo",   "else",    "elseif",
         "extends",   "false",      "finally",   "fn",        "for",    "foreach", "function",
         "if",        "implements", "interface", "namespace", "new",    "null",    "private",
         "protected", "public",     "require",   "return",    "static", "switch",  "throw",
         "true",      "try",        "use",       "while"},
        {});
    php.line_comments = {"//", "#"};
    php.dollar_variables = true;
    langs.push_back(php);

    LanguageSpec dart = c_like(
        {"dart"},
        {"abstract", "as",       "async",    "await",  "break",  "case",   "catch",   "class",
         "const",    "continue", "default",  "do",     "else",   "enum",   "extends", "false",
         "final",    "finally",  "for",      "if",     "import", "in",     "is",      "late",
         "new",      "null",     "required", "return", "super",  "switch", "this",    "throw",
         "true",     "try",      "var",      "void",   "while"},
        {"bool", "double", "dynamic", "int", "num", "String"});
    dart.triple_quotes = true;
    dart.capitalised_types = true;
    langs.push_back(dart);

    LanguageSpec python;
    python.names = {"python", "py", "python3", "py3", "pycon"};
    python.line_comments = {"#"};
    python.quotes = "\"'";
    python.triple_quotes = true;
    python.at_annotations = true;
    python.keywords = {"False",  "None",   "True",    "and",      "as",    "assert",   "async",
                       "await",  "break",  "class",   "continue", "def",   "del",      "elif",
                       "else",   "except", "finally", "for",      "from",  "global",   "if",
                       "import", "in",     "is",      "lambda",   "match", "nonlocal", "not",
                       "or",     "pass",   "raise",   "return",   "self",  "try",      "while",
                       "with",   "yield"};
    python.types = {"bool", "bytes",  "dict", "float", "int",
                    "list", "object", "set",  "str",   "tuple"};
    langs.push_back(python);

    LanguageSpec ruby;
    ruby.names = {"ruby", "rb"};
    ruby.line_comments = {"#"};
    ruby.quotes = "\"'";
    ruby.multiline_quotes = "\"'";
    ruby.capitalised_types = true;
    ruby.keywords = {"BEGIN", "END",  "alias",   "and",    "begin",  "break", "case",
                     "class", "def",  "do",      "else",   "elsif",  "end",   "ensure",
                     "false", "for",  "if",      "in",     "module", "next",  "nil",
                     "not",   "or",   "require", "rescue", "return", "self",  "super",
                     "then",  "true", "unless",  "until",  "when",   "while", "yield"};
    langs.push_back(ruby);

    LanguageSpec sh;
    sh.names = {"sh", "bash", "zsh", "shell", "console", "shellsession", "ksh"};
    sh.line_comments = {"#"};
    sh.quotes = "\"'";
    sh.multiline_quotes = "\"'";
    sh.dollar_variables = true;
    sh.keywords = {"case",   "cd",     "do",     "done", "echo",     "elif",  "else", "esac",
                   "exit",   "export", "fi",     "for",  "function", "if",    "in",   "local",
                   "return", "set",    "source", "then", "unset",    "until", "while"};
    langs.push_back(sh);

    LanguageSpec json;
    json.names = {"json", "jsonc", "json5", "jsonl"};
    json.line_comments = {"//"};
    json.quotes = "\"";
    json.keywords = {"false", "null", "true"};
    langs.push_back(json);

    LanguageSpec yaml;
    yaml.names = {"yaml", "yml"};
    yaml.line_comments = {"#"};
    yaml.quotes = "\"'";
    yaml.keywords = {"False", "No", "Null", "True", "Yes", "false", "no", "null", "true", "yes"};
    langs.push_back(yaml);

    LanguageSpec toml;
    toml.names = {"toml", "ini", "cfg", "conf", "properties", "editorconfig"};
    toml.line_comments = {"#", ";"};
    toml.quotes = "\"'";
    toml.triple_quotes = true;
    toml.keywords = {"false", "true"};
    langs.push_back(toml);

    LanguageSpec sql;
    sql.names = {"sql", "sqlite", "postgresql", "postgres", "mysql", "plsql"};
    sql.line_comments = {"--"};
    sql.block_open = "/*";
    sql.block_close = "*/";
    sql.quotes = "'\"";
    sql.case_insensitive = true;
    sql.keywords = {"and",    "as",      "asc",        "begin",    "by",     "case", "commit",
                    "create", "delete",  "desc",       "distinct", "drop",   "else", "end",
                    "exists", "foreign", "from",       "group",    "having", "in",   "index",
                    "inner",  "insert",  "into",       "is",       "join",   "key",  "left",
                    "like",   "limit",   "not",        "null",     "on",     "or",   "order",
                    "outer",  "primary", "references", "right",    "select", "set",  "table",
                    "then",   "union",   "unique",     "update",   "values", "view", "when",
                    "where",  "with"};
    sql.types = {"bigint",  "blob",    "boolean", "char",   "date", "decimal",   "float",  "int",
                 "integer", "numeric", "real",    "serial", "text", "timestamp", "varchar"};
    langs.push_back(sql);

    LanguageSpec diff;
    diff.names = {"diff", "patch", "udiff"};
    diff.line_based_diff = true;
    langs.push_back(diff);

    LanguageSpec html;
    html.names = {"html", "xml", "htm", "xhtml", "svg", "vue"};
    html.block_open = "<!--";
    html.block_close = "-->";
    html.quotes = "\"'";
    html.markup_tags = true;
    langs.push_back(html);

    LanguageSpec make;
    make.names = {"make", "makefile", "mk", "cmake"};
    make.line_comments = {"#"};
    make.quotes = "\"";
    make.dollar_variables = true;
    make.case_insensitive = true;  // cmake's commands are case-insensitive
    make.keywords = {"add_executable",
                     "add_library",
                     "add_subdirectory",
                     "cmake_minimum_required",
                     "define",
                     "else",
                     "elseif",
                     "endef",
                     "endforeach",
                     "endfunction",
                     "endif",
                     "export",
                     "find_package",
                     "foreach",
                     "function",
                     "if",
                     "ifdef",
                     "ifeq",
                     "ifndef",
                     "ifneq",
                     "include",
                     "install",
                     "message",
                     "option",
                     "override",
                     "project",
                     "set",
                     "target_compile_options",
                     "target_include_directories",
                     "target_link_libraries",
                     "target_sources"};
    langs.push_back(make);

    LanguageSpec lua;
    lua.names = {"lua"};
    lua.line_comments = {"--"};
    lua.quotes = "\"'";
    lua.keywords = {"and",      "break",  "do",   "else", "elseif", "end",  "false", "for",
                    "function", "goto",   "if",   "in",   "local",  "nil",  "not",   "or",
                    "repeat",   "return", "then", "true", "until",  "while"};
    langs.push_back(lua);

    LanguageSpec docker;
    docker.names = {"dockerfile", "docker", "containerfile"};
    docker.line_comments = {"#"};
    docker.quotes = "\"'";
    docker.dollar_variables = true;
    docker.case_insensitive = true;
    docker.keywords = {"add",        "arg",        "as",      "cmd",    "copy",
                       "entrypoint", "env",        "expose",  "from",   "healthcheck",
                       "label",      "maintainer", "onbuild", "run",    "shell",
                       "stopsignal", "user",       "volume",  "workdir"};
    langs.push_back(docker);

    for (LanguageSpec& spec : langs) {
        std::sort(spec.keywords.begin(), spec.keywords.end());
        std::sort(spec.types.begin(), spec.types.end());
    }
    return langs;
}

}  // namespace

const LanguageSpec* find_language(std::string_view fence_info) {
    static const std::vector<LanguageSpec> languages = build_languages();
    // The first word of the info string, lower-cased, without a leading dot or brace
    // ("{.python}" and ".py" are seen too).
    std::size_t start = fence_info.find_first_not_of(" \t{.");
    if (start == std::string_view::npos) {
        return nullptr;
    }
    std::string name;
    for (std::size_t i = start; i < fence_info.size(); ++i) {
        const char c = fence_info[i];
        if (c == ' ' || c == '\t' || c == ',' || c == '}' || c == '{' || c == ':') {
            break;
        }
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (const LanguageSpec& spec : languages) {
        for (std::string_view known : spec.names) {
            if (known == name) {
                return &spec;
            }
        }
    }
    return nullptr;
}

}  // namespace klaude::core::tui
