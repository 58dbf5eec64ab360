// Runs a command the way a shell user would and measures it, through rusage_exec: wall time
// from fork to reap, and peak RSS from wait4() (ru_maxrss: the largest RSS of the process and
// of the children it waited for; not their sum).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace klaude::bench {

struct ChildRun {
    int exit_code = -1;      // or 128 + signal
    double seconds = 0;      // wall time
    long max_rss_kb = 0;     // ru_maxrss
    double cpu_seconds = 0;  // user + system CPU time
};

struct ChildSpec {
    std::vector<std::string> argv;           // argv[0] is looked up in PATH
    std::map<std::string, std::string> env;  // set on top of this process's environment
    std::string stdout_path = "/dev/null";
    std::string stderr_path = "/dev/null";
};

// Throws std::runtime_error when the command cannot be started.
ChildRun run_child(const ChildSpec& spec);

// Sorted copy helpers for the reports.
double median(std::vector<double> values);
double mean(const std::vector<double>& values);

}  // namespace klaude::bench
