// Start-to-exit time of a short command, many runs: the fallback when hyperfine is not
// installed, and the source of peak RSS (hyperfine does not report it). Usage:
//
//   time_command [--runs N] [--warmup W] [--label NAME] [--env NAME=VALUE]... -- COMMAND ARGS...
//
// stdout and stderr go to /dev/null; a non-zero exit fails the measurement. The last line is
// machine-readable: RESULT label=… mean_ms=… median_ms=… min_ms=… max_ms=… rss_mb=… runs=…
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bench/support/child_process.h"

int main(int argc, char** argv) {
    int runs = 200;
    int warmup = 10;
    std::string label = "command";
    klaude::bench::ChildSpec spec;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--") {
            spec.argv.assign(argv + i + 1, argv + argc);
            break;
        } else if (arg == "--runs" && has_value) {
            runs = std::atoi(argv[++i]);
        } else if (arg == "--warmup" && has_value) {
            warmup = std::atoi(argv[++i]);
        } else if (arg == "--label" && has_value) {
            label = argv[++i];
        } else if (arg == "--env" && has_value) {
            const std::string pair = argv[++i];
            const size_t eq = pair.find('=');
            spec.env[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
        } else {
            std::cerr << "usage: time_command [--runs N] [--warmup W] [--label NAME] "
                         "[--env NAME=VALUE]... -- COMMAND ARGS...\n";
            return 2;
        }
    }
    if (spec.argv.empty() || runs <= 0) {
        std::cerr << "time_command: nothing to run\n";
        return 2;
    }
    std::vector<double> ms;
    long rss_kb = 0;
    for (int i = 0; i < warmup + runs; ++i) {
        const klaude::bench::ChildRun run = klaude::bench::run_child(spec);
        if (run.exit_code != 0) {
            std::fprintf(stderr, "time_command: %s exited with %d\n", spec.argv[0].c_str(),
                         run.exit_code);
            return 1;
        }
        if (i >= warmup) {
            ms.push_back(run.seconds * 1000.0);
            rss_kb = std::max(rss_kb, run.max_rss_kb);
        }
    }
    const auto [lo, hi] = std::minmax_element(ms.begin(), ms.end());
    std::printf(
        "RESULT label=%s mean_ms=%.2f median_ms=%.2f min_ms=%.2f max_ms=%.2f rss_mb=%.1f "
        "runs=%d\n",
        label.c_str(), klaude::bench::mean(ms), klaude::bench::median(ms), *lo, *hi,
        static_cast<double>(rss_kb) / 1024.0, runs);
    return 0;
}
