// rusage_exec REPORT -- COMMAND ARGS...: runs COMMAND (fork + execvp, fds inherited), waits,
// and writes "exit wall_seconds max_rss_kb cpu_seconds" to REPORT.
//
// Why a separate process: the kernel records, at execve, the peak RSS of the memory the
// process had before the exec. A child started with posix_spawn (vfork: the parent's memory)
// or fork (a copy of it) therefore reports at least its parent's peak RSS in ru_maxrss.
// The benchmarks hold large buffers (a 50 MB SSE stream), so they start this small program
// instead, and it forks the measured command from its own few-MB image.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    if (argc < 4 || std::strcmp(argv[2], "--") != 0) {
        std::fprintf(stderr, "usage: rusage_exec REPORT -- COMMAND ARGS...\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) {
        std::perror("rusage_exec: fork");
        return 127;
    }
    if (pid == 0) {
        ::execvp(argv[3], argv + 3);
        std::fprintf(stderr, "rusage_exec: cannot run %s: %s\n", argv[3], std::strerror(errno));
        ::_exit(127);
    }
    int status = 0;
    struct rusage usage {};
    while (::wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::perror("rusage_exec: wait4");
            return 127;
        }
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::FILE* report = std::fopen(argv[1], "w");
    if (report == nullptr) {
        std::perror("rusage_exec: report");
        return 127;
    }
    std::fprintf(report, "%d %.6f %ld %.6f\n", code, wall, usage.ru_maxrss, cpu);
    std::fclose(report);
    return code;
}
