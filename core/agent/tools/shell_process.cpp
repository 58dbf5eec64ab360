#include "core/agent/tools/shell_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "core/agent/tools/head_tail_buffer.h"
#include "core/agent/tools/landlock_sandbox.h"

extern char** environ;

namespace klaude::core::agent {
namespace {

using Clock = std::chrono::steady_clock;

// How often the wait loop looks at the cancellation flag.
constexpr int kPollMillis = 25;
// After the shell exits, background jobs that kept our pipe open get this long to finish
// writing; then we stop listening rather than wait for them.
constexpr auto kDrainAfterExit = std::chrono::milliseconds(300);

// Marks every inherited descriptor from 3 up close-on-exec, so the command does not inherit
// sockets or files of other threads. (close_range(…, CLOSE_RANGE_CLOEXEC), Linux 5.11+; on
// older kernels this is a no-op.)
void mark_inherited_fds_cloexec() {
#ifdef SYS_close_range
    ::syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */);
#endif
}

[[noreturn]] void child_fail(int error_fd, int err) {
    ssize_t ignored = ::write(error_fd, &err, sizeof err);
    (void)ignored;
    ::_exit(127);
}

// The child between fork and exec: only async-signal-safe calls. Failures are reported
// through `error_fd` (close-on-exec, so a successful exec closes it with nothing written).
[[noreturn]] void exec_child(const char* const argv[], const char* cwd, int stdin_fd, int output_fd,
                             int error_fd, int ruleset_fd) {
    auto fail = [error_fd](int err) { child_fail(error_fd, err); };
    ::setpgid(0, 0);
    // The parent may ignore or block signals; a command starts with the defaults.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGQUIT, SIG_DFL);
    if (::chdir(cwd) != 0) {
        fail(errno);
    }
    if (::dup2(stdin_fd, 0) < 0 || ::dup2(output_fd, 1) < 0 || ::dup2(output_fd, 2) < 0) {
        fail(errno);
    }
    mark_inherited_fds_cloexec();
    if (ruleset_fd >= 0) {
        int err = LandlockRuleset::restrict_current_process(ruleset_fd);
        if (err != 0) {
            fail(err);
        }
    }
    ::execve("/bin/bash", const_cast<char* const*>(argv), environ);
    child_fail(error_fd, errno);
}

int decode_status(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

}  // namespace

ShellOutcome run_shell_command(const std::string& command, const ShellOptions& options) {
    ShellOutcome outcome;
    const auto started = Clock::now();

    int out_pipe[2];
    int err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
        outcome.spawn_error = std::string("cannot create a pipe: ") + std::strerror(errno);
        return outcome;
    }
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        outcome.spawn_error = std::string("cannot create a pipe: ") + std::strerror(errno);
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        return outcome;
    }
    int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);

    // Everything the child needs is prepared before fork: it may not allocate.
    std::string cwd = options.cwd.string();
    const char* argv[] = {"bash", "-lc", command.c_str(), nullptr};

    pid_t pid = ::fork();
    if (pid == 0) {
        exec_child(argv, cwd.c_str(), null_fd, out_pipe[1], err_pipe[1],
                   options.landlock_ruleset_fd);
    }
    int fork_errno = errno;
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (null_fd >= 0) {
        ::close(null_fd);
    }
    if (pid < 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        outcome.spawn_error = std::string("cannot start bash: ") + std::strerror(fork_errno);
        return outcome;
    }
    // Also set the group from the parent, so a kill right after fork cannot miss it.
    ::setpgid(pid, pid);

    // Blocks until the child execs (EOF) or reports why it could not.
    int child_errno = 0;
    ssize_t n = 0;
    do {
        n = ::read(err_pipe[0], &child_errno, sizeof child_errno);
    } while (n < 0 && errno == EINTR);
    ::close(err_pipe[0]);
    if (n == static_cast<ssize_t>(sizeof child_errno)) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        ::close(out_pipe[0]);
        outcome.spawn_error =
            std::string("cannot start the command in ") + cwd + ": " + std::strerror(child_errno);
        return outcome;
    }

    HeadTailBuffer buffer(options.output_cap);
    const auto deadline = started + options.timeout;
    bool pipe_open = true;
    bool exited = false;
    int status = 0;
    Clock::time_point exited_at{};
    char chunk[16384];

    auto kill_group = [&] { ::kill(-pid, SIGKILL); };

    while (true) {
        if (!exited) {
            pid_t w = ::waitpid(pid, &status, WNOHANG);
            // ECHILD: the host ignores SIGCHLD, so the kernel reaped the child for us.
            if (w == pid || (w < 0 && errno == ECHILD)) {
                exited = true;
                exited_at = Clock::now();
            }
        }
        if (exited && (!pipe_open || Clock::now() - exited_at > kDrainAfterExit)) {
            break;
        }
        if (!exited && options.cancel != nullptr && options.cancel->load()) {
            outcome.cancelled = true;
            kill_group();
            break;
        }
        if (!exited && Clock::now() >= deadline) {
            outcome.timed_out = true;
            kill_group();
            break;
        }
        if (!pipe_open) {
            // The command closed its output but still runs: keep watching the clock.
            std::this_thread::sleep_for(std::chrono::milliseconds(kPollMillis));
            continue;
        }
        pollfd pfd{out_pipe[0], POLLIN, 0};
        int ready = ::poll(&pfd, 1, kPollMillis);
        if (ready < 0 && errno != EINTR) {
            break;
        }
        if (ready > 0) {
            ssize_t got = ::read(out_pipe[0], chunk, sizeof chunk);
            if (got > 0) {
                buffer.append(std::string_view(chunk, static_cast<std::size_t>(got)));
            } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
                pipe_open = false;
            }
        }
    }

    if (!exited) {
        // Killed above: reap it (SIGKILL cannot be ignored), then collect what is buffered.
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        int flags = ::fcntl(out_pipe[0], F_GETFL);
        ::fcntl(out_pipe[0], F_SETFL, flags | O_NONBLOCK);
        ssize_t got = 0;
        while (pipe_open && (got = ::read(out_pipe[0], chunk, sizeof chunk)) > 0) {
            buffer.append(std::string_view(chunk, static_cast<std::size_t>(got)));
        }
    }
    ::close(out_pipe[0]);

    outcome.exit_code = decode_status(status);
    outcome.output = buffer.text();
    outcome.total_bytes = buffer.total_bytes();
    outcome.omitted_bytes = buffer.omitted_bytes();
    outcome.duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    return outcome;
}

}  // namespace klaude::core::agent
