#include "bench/support/child_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <stdexcept>

extern char** environ;

namespace klaude::bench {

namespace {

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& overrides) {
    std::vector<std::string> out;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const std::string name = text.substr(0, text.find('='));
        if (overrides.count(name) == 0) {
            out.push_back(text);
        }
    }
    for (const auto& [name, value] : overrides) {
        out.push_back(name + "=" + value);
    }
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (std::string& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

}  // namespace

ChildRun run_child(const ChildSpec& spec) {
    if (spec.argv.empty()) {
        throw std::runtime_error("no command to run");
    }
    // The command runs under rusage_exec (see rusage_exec.cpp for why), which reports.
    std::string report_path =
        (std::filesystem::temp_directory_path() / "klaude-rusage-XXXXXX").string();
    const int report_fd = ::mkstemp(report_path.data());
    if (report_fd < 0) {
        throw std::runtime_error(std::string("mkstemp: ") + std::strerror(errno));
    }
    ::close(report_fd);
    std::vector<std::string> args = {KLAUDE_BENCH_RUSAGE_EXEC, report_path, "--"};
    args.insert(args.end(), spec.argv.begin(), spec.argv.end());
    std::vector<std::string> env = merged_environment(spec.env);
    std::vector<char*> argv = pointers(args);
    std::vector<char*> envp = pointers(env);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, spec.stdout_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, spec.stderr_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);

    // posix_spawn, not fork: the caller may run server threads (fork would copy their locks).
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw std::runtime_error("cannot start " + spec.argv[0] + ": " + std::strerror(rc));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
        }
    }
    ChildRun out;
    std::FILE* report = std::fopen(report_path.c_str(), "r");
    const bool read =
        report != nullptr && std::fscanf(report, "%d %lf %ld %lf", &out.exit_code, &out.seconds,
                                         &out.max_rss_kb, &out.cpu_seconds) == 4;
    if (report != nullptr) {
        std::fclose(report);
    }
    std::remove(report_path.c_str());
    if (!read) {
        throw std::runtime_error("rusage_exec did not report on " + spec.argv[0]);
    }
    return out;
}

double median(std::vector<double> values) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double mean(const std::vector<double>& values) {
    return values.empty() ? 0
                          : std::accumulate(values.begin(), values.end(), 0.0) /
                                static_cast<double>(values.size());
}

}  // namespace klaude::bench
