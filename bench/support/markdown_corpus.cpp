#include "bench/support/markdown_corpus.h"

#include <random>

namespace klaude::bench {

namespace {

const char* const kWords[] = {
    "the",     "render", "stream", "delta", "terminal", "function", "returns", "value",
    "because", "each",   "line",   "width", "parser",   "model",    "answer",  "before",
    "after",   "change", "test",   "build", "file",     "path",     "error",   "result",
    "a",       "of",     "to",     "in",    "is",       "and",      "with",    "that"};

const char* const kCpp[] = {
    "#include <vector>",
    "// Sums the values, skipping negatives.",
    "int sum(const std::vector<int>& values) {",
    "    int total = 0;",
    "    for (int v : values) {",
    "        if (v < 0) continue;  /* skip */",
    "        total += v * 2 + 0x10;",
    "    }",
    "    return total;",
    "}",
};
const char* const kPython[] = {
    "import os",
    "",
    "def walk(root: str) -> list[str]:",
    "    \"\"\"Every file under root.\"\"\"",
    "    found = []",
    "    for dirpath, _, names in os.walk(root):",
    "        found.extend(os.path.join(dirpath, n) for n in names)  # all",
    "    return found",
};
const char* const kShell[] = {
    "set -euo pipefail",
    "for f in \"$@\"; do",
    "  echo \"checking $f\" && grep -c TODO \"$f\" || true",
    "done",
};

class Writer {
  public:
    explicit Writer(unsigned seed) : random_(seed) {}

    std::size_t pick(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
    }

    std::string sentence() {
        std::string s;
        const std::size_t words = 6 + pick(12);
        for (std::size_t i = 0; i < words; ++i) {
            std::string w = kWords[pick(std::size(kWords))];
            switch (pick(14)) {
                case 0:
                    w = "**" + w + "**";
                    break;
                case 1:
                    w = "`" + w + "()`";
                    break;
                case 2:
                    w = "*" + w + "*";
                    break;
                case 3:
                    w = "[" + w + "](https://example.com/" + w + ")";
                    break;
                default:
                    break;
            }
            s += (i == 0 ? "" : " ") + w;
        }
        return s + ".";
    }

    // Models write a paragraph as one long line (100 to 700 bytes), now and then two.
    void paragraph(std::string& out) {
        const std::size_t lines = 1 + (pick(4) == 0 ? 1 : 0);
        for (std::size_t i = 0; i < lines; ++i) {
            const std::size_t sentences = 1 + pick(6);
            for (std::size_t k = 0; k < sentences; ++k) {
                out += (k == 0 ? "" : " ") + sentence();
            }
            out += "\n";
        }
        out += "\n";
    }

    void list(std::string& out) {
        const bool ordered = pick(2) == 0;
        const std::size_t items = 2 + pick(5);
        for (std::size_t i = 0; i < items; ++i) {
            out += (ordered ? std::to_string(i + 1) + ". " : "- ") + sentence() + "\n";
            if (pick(4) == 0) {
                out += "  - " + sentence() + "\n";
            }
        }
        out += "\n";
    }

    void table(std::string& out) {
        out += "| name | kind | note |\n|---|:---:|---|\n";
        const std::size_t rows = 3 + pick(5);
        for (std::size_t i = 0; i < rows; ++i) {
            out += std::string("| ") + kWords[pick(std::size(kWords))] + " | " +
                   kWords[pick(std::size(kWords))] + " | " + sentence() + " |\n";
        }
        out += "\n";
    }

    template <std::size_t N>
    void code(std::string& out, const char* lang, const char* const (&lines)[N]) {
        out += std::string("```") + lang + "\n";
        const std::size_t repeat = 1 + pick(3);
        for (std::size_t r = 0; r < repeat; ++r) {
            for (const char* line : lines) {
                out += std::string(line) + "\n";
            }
        }
        out += "```\n\n";
    }

    void any_code(std::string& out) {
        switch (pick(3)) {
            case 0:
                code(out, "cpp", kCpp);
                break;
            case 1:
                code(out, "python", kPython);
                break;
            default:
                code(out, "sh", kShell);
                break;
        }
    }

  private:
    std::mt19937 random_;
};

}  // namespace

std::string markdown_corpus(MarkdownMix mix, std::size_t bytes) {
    Writer w(13);
    std::string out;
    while (out.size() < bytes) {
        const std::size_t roll = w.pick(10);
        switch (mix) {
            case MarkdownMix::kProse:
                if (roll == 0) {
                    out += "## " + w.sentence() + "\n\n";
                } else if (roll < 3) {
                    w.list(out);
                } else if (roll == 3) {
                    out += "> " + w.sentence() + "\n\n";
                } else {
                    w.paragraph(out);
                }
                break;
            case MarkdownMix::kMixed:
                if (roll < 3) {
                    w.any_code(out);
                } else if (roll < 5) {
                    w.list(out);
                } else if (roll == 5) {
                    w.table(out);
                } else if (roll == 6) {
                    out += "### " + w.sentence() + "\n\n";
                } else {
                    w.paragraph(out);
                }
                break;
            case MarkdownMix::kCode:
                if (roll == 0) {
                    w.paragraph(out);
                } else {
                    w.any_code(out);
                }
                break;
        }
    }
    out.resize(bytes);
    return out;
}

std::vector<std::string_view> word_deltas(std::string_view text) {
    std::vector<std::string_view> deltas;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ' || text[i] == '\n') {
            deltas.push_back(text.substr(start, i + 1 - start));
            start = i + 1;
        }
    }
    if (start < text.size()) {
        deltas.push_back(text.substr(start));
    }
    return deltas;
}

}  // namespace klaude::bench
