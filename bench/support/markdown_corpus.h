// A deterministic Markdown answer of a given size, for the rendering benchmarks: the same bytes
// on every run and machine (a fixed-seed generator, no data files).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace klaude::bench {

enum class MarkdownMix {
    kProse,  // paragraphs with spans, headings, lists, a quote now and then
    kMixed,  // prose, lists, a table, and about 30 % fenced code (cpp, python, sh)
    kCode,   // almost all fenced code
};

std::string markdown_corpus(MarkdownMix mix, std::size_t bytes);

// `text` cut the way a model streams it: one word and the space or newline after it per delta.
std::vector<std::string_view> word_deltas(std::string_view text);

}  // namespace klaude::bench
