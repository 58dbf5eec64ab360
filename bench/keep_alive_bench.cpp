// Connections that last, measured: a 20-call agent run (`klaude exec --approval full-auto`)
// over TLS against a loopback Responses server that answers 19 times with a read_file call and
// then with a final answer, and counts the TCP connections it accepted. Each run is made with
// the responses provider's options.keep_alive false (a new TCP connection and TLS handshake
// per model call, as before) and true (the default: one kept-alive connection). Usage:
//
//   keep_alive_bench [--runs R] [--calls N] -- KLAUDE_BINARY
//
// Prints, per mode, RESULT label=keep_alive_off|keep_alive_on calls=… connections=…
// wall_ms_median=… wall_ms_mean=… runs=… (connections: of the last run; every run must make
// exactly `calls` requests or the bench fails).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <Poco/Net/Context.h>

#include "bench/support/child_process.h"
#include "tests/e2e/sse_script.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/plugins/responses/test_pki.h"

namespace {

namespace fs = std::filesystem;
using klaude::responses::testing::ReplayServer;
using klaude::responses::testing::Reply;
using klaude::responses::testing::TestPki;

struct Mode {
    const char* label;
    bool keep_alive;
};

int usage() {
    std::cerr << "usage: keep_alive_bench [--runs R] [--calls N] -- KLAUDE_BINARY\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    int calls = 20;
    std::string klaude;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--runs" && i + 1 < argc) {
            runs = std::atoi(argv[++i]);
        } else if (arg == "--calls" && i + 1 < argc) {
            calls = std::atoi(argv[++i]);
        } else if (arg == "--" && i + 1 < argc) {
            klaude = fs::absolute(argv[++i]).string();
        } else {
            return usage();
        }
    }
    if (klaude.empty() || runs < 1 || calls < 2) {
        return usage();
    }

    const TestPki pki = TestPki::create();
    const fs::path work =
        fs::temp_directory_path() / ("klaude-keepalive-" + std::to_string(getpid()));
    fs::create_directories(work / "project");
    std::ofstream(work / "project" / "notes.txt") << "a harmless file the agent reads\n";
    // The agent's tools work in the current directory.
    if (chdir((work / "project").c_str()) != 0) {
        std::perror("chdir");
        return 1;
    }

    std::vector<Reply> replies;
    for (int i = 1; i < calls; ++i) {
        replies.push_back(Reply::sse(klaude::testing::sse_calls(
            {{"call_" + std::to_string(i), "read_file", R"({"path":"notes.txt"})"}})));
    }
    replies.push_back(Reply::sse(klaude::testing::sse_answer("Read it.")));
    Poco::Net::Context::Params params;
    params.privateKeyFile = pki.localhost_key;
    params.certificateFile = pki.localhost_cert;
    params.verificationMode = Poco::Net::Context::VERIFY_NONE;
    Poco::Net::Context::Ptr tls =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);

    int status = 0;
    for (const Mode mode : {Mode{"keep_alive_off", false}, Mode{"keep_alive_on", true}}) {
        std::vector<double> walls;
        int connections = 0;
        for (int run = 0; run <= runs; ++run) {  // run 0 warms up the caches
            const fs::path home = work / (std::string(mode.label) + "-" + std::to_string(run));
            fs::create_directories(home);
            fs::permissions(home, fs::perms::owner_all, fs::perm_options::replace);
            std::ofstream(home / "config.json")
                << R"({"providers": [{"id": "openai", "options": {"ca_file": ")" << pki.ca
                << R"(", "keep_alive": )" << (mode.keep_alive ? "true" : "false") << "}}]}";
            ReplayServer server(replies, tls);
            klaude::bench::ChildSpec spec;
            spec.argv = {klaude,
                         "exec",
                         "--approval",
                         "full-auto",
                         "-m",
                         "openai/gpt-5.1",
                         "Read notes.txt " + std::to_string(calls - 1) + " times."};
            spec.env = {{"KLAUDE_HOME", home.string()},
                        {"OPENAI_BASE_URL", server.base_url() + "/v1"},
                        {"OPENAI_API_KEY", "sk-bench-keepalive"},
                        {"KLAUDE_PLUGIN_PATH", ""},
                        {"KLAUDE_LOG", ""},
                        {"KLAUDE_MODEL", ""},
                        {"HTTPS_PROXY", ""},
                        {"https_proxy", ""}};
            spec.stderr_path = (work / "stderr.txt").string();
            const klaude::bench::ChildRun result = klaude::bench::run_child(spec);
            if (result.exit_code != 0 || server.requests().size() != static_cast<size_t>(calls)) {
                std::cerr << mode.label << ": exit " << result.exit_code << " after "
                          << server.requests().size() << " requests (see " << spec.stderr_path
                          << ")\n";
                status = 1;
                break;
            }
            connections = server.connections();
            if (run > 0) {
                walls.push_back(result.seconds * 1000);
            }
        }
        if (walls.empty()) {
            continue;
        }
        std::printf(
            "RESULT label=%s calls=%d connections=%d wall_ms_median=%.1f wall_ms_mean=%.1f "
            "runs=%zu\n",
            mode.label, calls, connections, klaude::bench::median(walls),
            klaude::bench::mean(walls), walls.size());
    }
    pki.remove();
    if (status == 0) {
        fs::remove_all(work);
    }
    return status;
}
