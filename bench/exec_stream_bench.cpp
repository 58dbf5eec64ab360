// Streams a long answer (default 1 MiB of text in token-sized deltas, paced over 2 s) from a
// loopback Responses server into a command (normally `klaude exec`), and reports the
// command's wall time against the time the server needed to send the stream, and its peak
// RSS. Usage:
//
//   exec_stream_bench [--bytes N] [--seconds S] [--batches B] [--runs R] [--label NAME]
//                     [--env NAME=VALUE]... [--no-check] [--no-final-text] -- COMMAND ARGS...
//
// --no-final-text: output_text.done and output_item.done carry an empty text instead of
// repeating the answer (to separate the cost of those two large events from the deltas').
//
// In COMMAND ARGS and --env values, {BASE_URL} becomes the server's …/v1 URL; the command also gets
// OPENAI_BASE_URL (the same), OPENAI_API_KEY, and a fresh empty KLAUDE_HOME and CODEX_HOME
// per run (unless --env sets them). The first run writes stdout to a file and checks that it
// holds the whole answer; the timed runs write stdout to /dev/null.
// The last line is machine-readable: RESULT label=… wall_s=… send_s=… overhead_pct=… rss_mb=…
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "bench/support/child_process.h"
#include "bench/support/paced_sse_server.h"

namespace {

namespace fs = std::filesystem;
using klaude::bench::ChildRun;
using klaude::bench::ChildSpec;

struct Options {
    klaude::bench::PacedStreamOptions stream;
    int runs = 5;
    bool check = true;
    std::string label = "command";
    std::map<std::string, std::string> env;
    std::vector<std::string> command;
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "exec_stream_bench: " << problem
              << "\nusage: exec_stream_bench [--bytes N] [--seconds S] [--batches B] [--runs R] "
                 "[--label NAME] [--env NAME=VALUE]... [--no-check] [--no-final-text] -- COMMAND "
                 "ARGS...\n";
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options o;
    int i = 1;
    auto value = [&](const char* name) -> std::string {
        if (i + 1 >= argc) {
            usage(std::string(name) + " needs a value");
        }
        return argv[++i];
    };
    for (; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            o.command.assign(argv + i + 1, argv + argc);
            break;
        } else if (arg == "--bytes") {
            o.stream.text_bytes = std::stoul(value("--bytes"));
        } else if (arg == "--seconds") {
            o.stream.seconds = std::stod(value("--seconds"));
        } else if (arg == "--batches") {
            o.stream.batches = std::stoi(value("--batches"));
        } else if (arg == "--runs") {
            o.runs = std::stoi(value("--runs"));
        } else if (arg == "--label") {
            o.label = value("--label");
        } else if (arg == "--no-final-text") {
            o.stream.final_text = false;
        } else if (arg == "--no-check") {
            o.check = false;
        } else if (arg == "--env") {
            const std::string pair = value("--env");
            const size_t eq = pair.find('=');
            if (eq == std::string::npos) {
                usage("--env takes NAME=VALUE");
            }
            o.env[pair.substr(0, eq)] = pair.substr(eq + 1);
        } else {
            usage("unknown option " + arg);
        }
    }
    if (o.command.empty()) {
        usage("no command after --");
    }
    return o;
}

class ScratchDir {
  public:
    ScratchDir() {
        std::string pattern = (fs::temp_directory_path() / "klaude-bench-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = pattern;
        fs::permissions(path_, fs::perms::owner_all);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string last_line(const std::string& text) {
    const size_t end = text.find_last_not_of('\n');
    if (end == std::string::npos) {
        return "";
    }
    const size_t start = text.rfind('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1,
                       end - (start == std::string::npos ? 0 : start + 1) + 1);
}

ChildSpec spec_for(const Options& o, const klaude::bench::PacedSseServer& server,
                   const fs::path& scratch) {
    ChildSpec spec;
    for (std::string arg : o.command) {
        for (size_t at; (at = arg.find("{BASE_URL}")) != std::string::npos;) {
            arg.replace(at, 10, server.base_url());
        }
        spec.argv.push_back(arg);
    }
    fs::create_directories(scratch / "klaude-home");
    fs::create_directories(scratch / "codex-home");
    fs::permissions(scratch / "klaude-home", fs::perms::owner_all);
    spec.env = {{"OPENAI_BASE_URL", server.base_url()},
                {"OPENAI_API_KEY", "sk-bench-loopback-0000"},
                {"KLAUDE_HOME", (scratch / "klaude-home").string()},
                {"CODEX_HOME", (scratch / "codex-home").string()},
                {"KLAUDE_LOG", ""},
                {"HTTP_PROXY", ""},
                {"http_proxy", ""},
                {"NO_COLOR", "1"}};
    for (const auto& [name, value] : o.env) {
        std::string text = value;
        for (size_t at; (at = text.find("{BASE_URL}")) != std::string::npos;) {
            text.replace(at, 10, server.base_url());
        }
        spec.env[name] = text;
    }
    // A CODEX_HOME config (compare.sh) may name the server: copy it in with the URL filled.
    const char* codex_config = std::getenv("BENCH_CODEX_CONFIG");
    if (codex_config != nullptr && *codex_config != '\0') {
        std::string text = read_file(codex_config);
        for (size_t at; (at = text.find("{BASE_URL}")) != std::string::npos;) {
            text.replace(at, 10, server.base_url());
        }
        std::ofstream(fs::path(spec.env["CODEX_HOME"]) / "config.toml") << text;
    }
    spec.stderr_path = (scratch / "stderr.txt").string();
    return spec;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    klaude::bench::PacedSseServer server(o.stream);
    const auto& stream = server.stream();
    std::printf("%s: %zu bytes of text in %zu deltas (%zu bytes of SSE), %d batches over %.2f s\n",
                o.label.c_str(), stream.text.size(), stream.delta_count, stream.sse_bytes,
                o.stream.batches, o.stream.seconds);

    auto one_run = [&](bool capture, double& send) -> ChildRun {
        ScratchDir scratch;
        ChildSpec spec = spec_for(o, server, scratch.path());
        if (capture) {
            spec.stdout_path = (scratch.path() / "stdout.txt").string();
        }
        const size_t before = server.send_seconds().size();
        ChildRun run = klaude::bench::run_child(spec);
        const std::vector<double> sends = server.send_seconds();
        send = 0;
        for (size_t i = before; i < sends.size(); ++i) {
            send += sends[i];
        }
        if (run.exit_code != 0 || sends.size() == before) {
            std::fprintf(stderr, "%s: exit %d after %zu streams; stderr: %s\n", o.label.c_str(),
                         run.exit_code, sends.size() - before,
                         last_line(read_file(spec.stderr_path)).c_str());
            std::exit(1);
        }
        if (capture) {
            const std::string out = read_file(spec.stdout_path);
            if (out.find(stream.text) == std::string::npos) {
                std::fprintf(stderr, "%s: stdout (%zu bytes) does not hold the %zu-byte answer\n",
                             o.label.c_str(), out.size(), stream.text.size());
                std::exit(1);
            }
            std::printf("check: stdout holds the whole answer (%zu bytes)\n", out.size());
        }
        return run;
    };

    if (o.check) {
        double send = 0;
        one_run(true, send);
    }
    std::vector<double> walls, sends, ratios, cpus;
    long max_rss_kb = 0;
    for (int i = 0; i < o.runs; ++i) {
        double send = 0;
        const ChildRun run = one_run(false, send);
        walls.push_back(run.seconds);
        sends.push_back(send);
        ratios.push_back(run.seconds / send);
        cpus.push_back(run.cpu_seconds);
        max_rss_kb = std::max(max_rss_kb, run.max_rss_kb);
        std::printf(
            "run %d: wall %.3f s, server send %.3f s, wall/send %.3f, CPU %.3f s, peak RSS "
            "%.1f MB\n",
            i + 1, run.seconds, send, run.seconds / send, run.cpu_seconds,
            static_cast<double>(run.max_rss_kb) / 1024.0);
    }
    const double overhead = (klaude::bench::median(ratios) - 1.0) * 100.0;
    // All the command's CPU (start-up, request, socket reads, parsing, output, exit) spread
    // over the deltas: an upper bound of the per-delta cost from socket read to stdout write.
    const double cpu_ns_per_delta =
        klaude::bench::median(cpus) * 1e9 / static_cast<double>(stream.delta_count);
    std::printf(
        "RESULT label=%s wall_s=%.3f send_s=%.3f overhead_pct=%.1f rss_mb=%.1f "
        "cpu_s=%.3f cpu_ns_per_delta=%.0f runs=%d\n",
        o.label.c_str(), klaude::bench::median(walls), klaude::bench::median(sends), overhead,
        static_cast<double>(max_rss_kb) / 1024.0, klaude::bench::median(cpus), cpu_ns_per_delta,
        o.runs);
    return 0;
}
