// The SSE parser alone and parser + event mapping, over (1) the team's transcripts
// concatenated and (2) a long text answer (what most of a real stream is: one
// response.output_text.delta event per token). Reports MB/s and ns per event.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "klaude/sdk/event_sink.hpp"
#include "plugins/responses/event_mapper.h"
#include "plugins/responses/support.h"

namespace {

using klaude::responses::EventMapper;
using klaude::responses::SseEvent;
using klaude::responses::SseParser;

std::vector<std::string> transcripts() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(KLAUDE_TRANSCRIPT_DIR)) {
        if (entry.path().extension() == ".sse") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        out.push_back(text.str());
    }
    return out;
}

// A 4000-token answer as the API streams it (field order and extras as recorded).
std::string long_text_stream() {
    std::string out =
        "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,"
        "\"response\":{\"id\":\"resp_bench\",\"object\":\"response\",\"status\":\"in_progress\","
        "\"model\":\"gpt-5.1-2025-11-13\",\"output\":[]}}\n\n";
    const char* words[] = {" the", " quick", " brown", " fox",  " jumps", " over", " lazy", " dogs",
                           ",",    " and",   " then",  " some", "\\n",    " café", " 日本"};
    for (int i = 0; i < 4000; ++i) {
        out +=
            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
            "\"sequence_number\":" +
            std::to_string(i + 1) +
            ",\"item_id\":\"msg_0a1b2c3d4e5f60718293a4b5c6d7e8f9\",\"output_index\":0,"
            "\"content_index\":0,\"delta\":\"" +
            words[i % 15] + "\",\"logprobs\":[],\"obfuscation\":\"x1Yq9\"}\n\n";
    }
    out +=
        "event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":"
        "4001,\"response\":{\"id\":\"resp_bench\",\"status\":\"completed\",\"usage\":{"
        "\"input_tokens\":10,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":4000,"
        "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":4010}}}\n\n";
    return out;
}

class CountingHandler : public SseParser::Handler {
  public:
    void on_event(const SseEvent& event) override {
        ++events;
        bytes += event.data.size();
    }
    size_t events = 0;
    size_t bytes = 0;
};

// Network reads deliver a few KiB at a time; feed the parser the same way.
constexpr size_t kChunk = 4096;

void feed(SseParser& parser, const std::string& text, SseParser::Handler& handler) {
    for (size_t i = 0; i < text.size(); i += kChunk) {
        parser.feed(std::string_view(text).substr(i, kChunk), handler);
    }
    parser.finish(handler);
}

size_t total_size(const std::vector<std::string>& texts) {
    size_t n = 0;
    for (const std::string& t : texts) {
        n += t.size();
    }
    return n;
}

// bytes_per_second, and ns_per_event as the inverse of the event rate (printed as a time).
void report(benchmark::State& state, size_t bytes, size_t events) {
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
    state.counters["events"] = static_cast<double>(events);
    state.counters["ns_per_event"] =
        benchmark::Counter(static_cast<double>(state.iterations() * events),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// One stream = one parser (and mapper), as in the client.
void parse_only(benchmark::State& state, const std::vector<std::string>& streams) {
    size_t events = 0;
    for (auto _ : state) {
        events = 0;
        for (const std::string& text : streams) {
            SseParser parser;
            CountingHandler handler;
            feed(parser, text, handler);
            events += handler.events;
            benchmark::DoNotOptimize(handler.bytes);
        }
    }
    report(state, total_size(streams), events);
}

void parse_and_map(benchmark::State& state, const std::vector<std::string>& streams) {
    size_t events = 0;
    size_t delivered = 0;
    klaude::sdk::FunctionSink sink(
        [&delivered](klaude_event_type_t, std::string_view data) { delivered += data.size(); });
    for (auto _ : state) {
        events = 0;
        for (const std::string& text : streams) {
            SseParser parser;
            EventMapper mapper(sink.sink());
            feed(parser, text, mapper);
            events += mapper.events_seen();
        }
        benchmark::DoNotOptimize(delivered);
    }
    report(state, total_size(streams), events);
}

void BM_SseParse_Transcripts(benchmark::State& state) {
    static const std::vector<std::string> streams = transcripts();
    parse_only(state, streams);
}
void BM_SseParse_LongText(benchmark::State& state) {
    static const std::vector<std::string> streams{long_text_stream()};
    parse_only(state, streams);
}
void BM_SseParseAndMap_Transcripts(benchmark::State& state) {
    static const std::vector<std::string> streams = transcripts();
    parse_and_map(state, streams);
}
void BM_SseParseAndMap_LongText(benchmark::State& state) {
    static const std::vector<std::string> streams{long_text_stream()};
    parse_and_map(state, streams);
}

BENCHMARK(BM_SseParse_Transcripts);
BENCHMARK(BM_SseParse_LongText);
BENCHMARK(BM_SseParseAndMap_Transcripts);
BENCHMARK(BM_SseParseAndMap_LongText);

}  // namespace

BENCHMARK_MAIN();
