// What rendering Markdown as it streams costs per text delta (core/tui/markdown_stream.*): a
// 1 MiB answer cut into word-sized deltas, rendered for a colour terminal at 100 columns and
// written to /dev/null with a flush every 16 deltas. Targets (issue 13): mixed <= 1.5 us per
// delta, prose and code <= 2 us.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "bench/support/markdown_corpus.h"
#include "core/tui/markdown_stream.h"

namespace {

using klaude::bench::MarkdownMix;
using klaude::core::tui::MarkdownStream;
using klaude::core::tui::TerminalCaps;
using klaude::core::tui::Theme;

constexpr std::size_t kCorpusBytes = 1 << 20;
constexpr int kFlushEvery = 16;

void BM_MarkdownStream(benchmark::State& state, MarkdownMix mix) {
    const std::string corpus = klaude::bench::markdown_corpus(mix, kCorpusBytes);
    const std::vector<std::string_view> deltas = klaude::bench::word_deltas(corpus);
    std::FILE* null = std::fopen("/dev/null", "w");
    if (null == nullptr) {
        state.SkipWithError("cannot open /dev/null");
        return;
    }
    const Theme theme = Theme::ansi();
    const TerminalCaps caps{true, true, true, true, false};
    MarkdownStream stream(
        theme, caps, [] { return 100; },
        [null](std::string_view row) { std::fwrite(row.data(), 1, row.size(), null); });
    std::size_t next = 0;
    std::size_t bytes = 0;
    for (auto _ : state) {
        stream.feed(deltas[next]);
        bytes += deltas[next].size();
        if (++next % kFlushEvery == 0) {
            std::fflush(null);
        }
        if (next == deltas.size()) {
            stream.finish();
            next = 0;
        }
    }
    stream.finish();
    std::fclose(null);
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
    state.counters["ns_per_delta"] =
        benchmark::Counter(static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

BENCHMARK_CAPTURE(BM_MarkdownStream, prose, MarkdownMix::kProse);
BENCHMARK_CAPTURE(BM_MarkdownStream, mixed, MarkdownMix::kMixed);
BENCHMARK_CAPTURE(BM_MarkdownStream, code, MarkdownMix::kCode);

}  // namespace

BENCHMARK_MAIN();
