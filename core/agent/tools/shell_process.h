// Runs one `bash -lc` command as its own process group, capturing stdout+stderr together,
// enforcing a timeout and honouring cancellation by killing the whole group.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

namespace klaude::core::agent {

struct ShellOptions {
    std::filesystem::path cwd;
    std::chrono::milliseconds timeout{120'000};
    std::size_t output_cap = 32 * 1024;
    const std::atomic<bool>* cancel = nullptr;
    int landlock_ruleset_fd = -1;  // >= 0: enforce this ruleset in the child before exec
};

struct ShellOutcome {
    std::string output;  // stdout+stderr interleaved, capped head+tail, valid UTF-8
    std::size_t total_bytes = 0;
    std::size_t omitted_bytes = 0;
    int exit_code = -1;  // the exit status, or 128+N when killed by signal N
    bool timed_out = false;
    bool cancelled = false;
    std::chrono::milliseconds duration{0};
    std::string spawn_error;  // set when the command could not be started at all
};

ShellOutcome run_shell_command(const std::string& command, const ShellOptions& options);

}  // namespace klaude::core::agent
