// The host's own cost per text delta: what klaude's core does between a plugin handing it a
// delta and the delta's bytes reaching stdout. Three layers, so the figures decompose:
//
//  - BM_ExecTextOutput / BM_ExecJsonOutput: the exec output path alone
//    (core/cli/exec_output.h, make_text_output / make_json_output writing to /dev/null).
//  - BM_HostDeltaPath: the whole host path through the real objects: the bench plugin
//    (bench/plugins/bench_plugin.c, no network, no parsing) loaded by LoadedPlugin, called by
//    PluginClient (C ABI sink trampoline), AgentLoop's stream callback (text accumulation),
//    a forwarding observer (as AgentSession's RecordingObserver) and the text output.
//  - BM_HostDeltaPathTui: the same path with the interactive session's display instead of
//    exec's output: TurnView on a colour-terminal Screen, the answer rendered as Markdown as it
//    streams (issue 13: rendering must not slow the stream; a microsecond or two per delta).
//    Per-turn costs (request JSON, the assistant message item) are spread over the deltas;
//    the run with 1 delta shows them.
//
// The plugin side (SSE framing + JSON parse + mapping) is bench/responses_sse_bench.cpp; the
// socket reads are in the end-to-end figure of bench/exec_stream_bench.cpp (CPU per delta).
// `per_flush`: deltas per KLAUDE_EVENT_FLUSH (1 = a network read per delta, the worst case).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "core/agent/agent_loop.h"
#include "core/cli/exec_output.h"
#include "core/host/host_services.h"
#include "core/plugin/loaded_plugin.h"
#include "core/plugin/plugin_client.h"
#include "core/tui/screen.h"
#include "core/tui/turn_view.h"

namespace {

namespace fs = std::filesystem;
using namespace klaude::core;

const char* const kWords[] = {" the",  " quick", " brown", " fox", " jumps",
                              " over", " lazy",  " dogs",  ",",    "\n"};

struct DevNull {
    DevNull() : file(std::fopen("/dev/null", "w")) {}
    ~DevNull() { std::fclose(file); }
    std::FILE* file;
};

void output_path(benchmark::State& state, bool json) {
    DevNull out;
    DevNull err;
    const klaude::core::agent::ToolRegistry no_tools;
    std::unique_ptr<ExecOutput> output =
        json ? make_json_output(out.file) : make_text_output(out.file, err.file, no_tools);
    const int64_t per_flush = state.range(0);
    int64_t n = 0;
    for (auto _ : state) {
        output->event(KLAUDE_EVENT_TEXT_DELTA, kWords[n % 10]);
        if (++n % per_flush == 0) {
            output->event(KLAUDE_EVENT_FLUSH, "");
        }
    }
    output->finish();
    state.SetItemsProcessed(state.iterations());
    state.counters["ns_per_delta"] =
        benchmark::Counter(static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_ExecTextOutput(benchmark::State& state) {
    output_path(state, false);
}
void BM_ExecJsonOutput(benchmark::State& state) {
    output_path(state, true);
}

// Forwards model events to the display, as AgentSession's observer does (one more virtual
// call per delta).
class ForwardingObserver : public TurnObserver {
  public:
    explicit ForwardingObserver(TurnObserver& display) : display_(display) {}
    void on_model_event(klaude_event_type_t type, std::string_view data) override {
        display_.on_model_event(type, data);
    }

  private:
    TurnObserver& display_;
};

class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "klaude-hostbench-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

// The whole host path, from the bench plugin to `display`.
void host_delta_path(benchmark::State& state, TurnObserver& display) {
    const int64_t deltas = state.range(0);
    const int64_t per_flush = state.range(1);
    TempDir home;
    HostServices host(HostServices::Options{home.path().string(), false, ""});
    std::shared_ptr<LoadedPlugin> plugin = LoadedPlugin::load(KLAUDE_BENCH_PLUGIN, host.host());
    PluginClient client(plugin, plugin->providers().at(0).id,
                        "{\"deltas\":" + std::to_string(deltas) +
                            ",\"per_flush\":" + std::to_string(per_flush) + "}");
    klaude::core::agent::ToolRegistry tools;
    klaude::core::agent::ToolContext context =
        klaude::core::agent::ToolContext::in_directory(home.path());
    TurnSettings settings;
    settings.model_id = "bench-model";
    settings.instructions = "be brief";
    AgentLoop loop(client, tools, context, settings);
    ForwardingObserver observer(display);

    for (auto _ : state) {
        Conversation conversation;
        TurnResult result = loop.run_turn(conversation, "say something long", observer);
        benchmark::DoNotOptimize(result.final_text.data());
    }
    state.SetItemsProcessed(state.iterations() * deltas);
    state.counters["ns_per_delta"] =
        benchmark::Counter(static_cast<double>(state.iterations() * deltas),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_HostDeltaPath(benchmark::State& state) {
    DevNull out;
    DevNull err;
    const klaude::core::agent::ToolRegistry no_tools;
    std::unique_ptr<ExecOutput> output = make_text_output(out.file, err.file, no_tools);
    host_delta_path(state, *output);
    output->finish();
}

void BM_HostDeltaPathTui(benchmark::State& state) {
    DevNull out;
    const klaude::core::agent::ToolRegistry no_tools;
    const tui::TerminalCaps colour_terminal{true, true, true, true, false};
    tui::Screen screen(out.file, colour_terminal);
    tui::TurnView view(screen, no_tools);
    view.begin_turn();
    host_delta_path(state, view);
    view.end_turn();
}

BENCHMARK(BM_ExecTextOutput)->Arg(1)->Arg(16);
BENCHMARK(BM_ExecJsonOutput)->Arg(1)->Arg(16);
BENCHMARK(BM_HostDeltaPath)->Args({1, 1})->Args({4000, 1})->Args({4000, 16});
BENCHMARK(BM_HostDeltaPathTui)->Args({4000, 1})->Args({4000, 16});

}  // namespace

BENCHMARK_MAIN();
