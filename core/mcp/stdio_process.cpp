#include "core/mcp/stdio_process.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/log/logger.h"
#include "core/mcp/json_rpc.h"

extern char** environ;

namespace klaude::core::mcp {

namespace {

// Blocks SIGPIPE in this thread while it writes to a pipe the server may have closed, and
// swallows the SIGPIPE the write raised (EPIPE reports it instead).
class SigpipeBlock {
  public:
    SigpipeBlock() {
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        sigset_t pending;
        sigemptyset(&pending);
        sigpending(&pending);
        was_pending_ = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &pipe, &old_);
        was_blocked_ = sigismember(&old_, SIGPIPE) == 1;
    }
    ~SigpipeBlock() {
        if (!was_blocked_ && !was_pending_) {
            sigset_t pipe;
            sigemptyset(&pipe);
            sigaddset(&pipe, SIGPIPE);
            const timespec zero{0, 0};
            while (sigtimedwait(&pipe, nullptr, &zero) == SIGPIPE) {
            }
        }
        pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    }
    SigpipeBlock(const SigpipeBlock&) = delete;
    SigpipeBlock& operator=(const SigpipeBlock&) = delete;

  private:
    sigset_t old_{};
    bool was_blocked_ = false;
    bool was_pending_ = false;
};

void close_fd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

struct Pipe {
    int read = -1;
    int write = -1;
    Pipe() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
        }
        read = fds[0];
        write = fds[1];
    }
    ~Pipe() {
        close_fd(read);
        close_fd(write);
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
};

std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra) {
    std::vector<std::string> out;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        std::string entry(*e);
        const std::string name = entry.substr(0, entry.find('='));
        if (extra.count(name) == 0) {
            out.push_back(std::move(entry));
        }
    }
    for (const auto& [name, value] : extra) {
        out.push_back(name + "=" + value);
    }
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

}  // namespace

StdioProcess::StdioProcess(const SpawnSpec& spec, std::string log_source, Handlers handlers)
    : log_source_(std::move(log_source)), handlers_(std::move(handlers)) {
    if (spec.argv.empty()) {
        throw std::runtime_error("no command to start");
    }
    Pipe in;
    Pipe out;
    Pipe err;
    Pipe wake;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.read, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err.write, STDERR_FILENO);
    if (spec.cwd) {
        posix_spawn_file_actions_addchdir_np(&actions, spec.cwd->c_str());
    }
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group (Ctrl-C in the terminal is klaude's to handle, and shutdown
    // signals reach a wrapper's children too), default signal handling, nothing blocked:
    // klaude blocks SIGINT/SIGTERM for its signal thread and the child would inherit that.
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD}) {
        sigaddset(&defaults, sig);
    }
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> args = spec.argv;
    std::vector<std::string> env = environment_with(spec.env);
    std::vector<char*> argv = pointers(args);
    std::vector<char*> envp = pointers(env);
    pid_t pid = -1;
    const int rc = ::posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        throw std::runtime_error("cannot start '" + spec.argv[0] + "': " + std::strerror(rc));
    }
    pid_ = pid;
    std::swap(stdin_fd_, in.write);
    std::swap(stdout_fd_, out.read);
    std::swap(stderr_fd_, err.read);
    std::swap(wake_read_, wake.read);
    std::swap(wake_write_, wake.write);
    ::fcntl(stdin_fd_, F_SETFL, ::fcntl(stdin_fd_, F_GETFL) | O_NONBLOCK);
    reader_ = std::thread([this] { read_loop(); });
}

StdioProcess::~StdioProcess() {
    StdioProcess::shutdown();
}

bool StdioProcess::send(std::string_view data, std::chrono::milliseconds timeout) {
    std::lock_guard<std::mutex> lock(write_mutex_);
    if (stdin_fd_ < 0) {
        return false;
    }
    SigpipeBlock guard;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!data.empty()) {
        const ssize_t n = ::write(stdin_fd_, data.data(), data.size());
        if (n > 0) {
            data.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                return false;
            }
            pollfd pfd{stdin_fd_, POLLOUT, 0};
            ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left.count(), 50)));
            continue;
        }
        return false;  // EPIPE: the server closed its stdin
    }
    return true;
}

void StdioProcess::read_loop() {
    LineSplitter splitter;
    std::string stderr_partial;
    bool out_open = true;
    bool err_open = true;
    bool closed_reported = false;
    auto report_closed = [&](const std::string& why) {
        if (!closed_reported && handlers_.on_closed) {
            closed_reported = true;
            handlers_.on_closed(why);
        }
    };
    auto log_stderr_line = [&](const std::string& line) {
        Logger::instance().log(KLAUDE_LOG_INFO, log_source_, line);
    };
    char buffer[65536];
    while (out_open || err_open) {
        pollfd fds[3] = {{out_open ? stdout_fd_ : -1, POLLIN, 0},
                         {err_open ? stderr_fd_ : -1, POLLIN, 0},
                         {wake_read_, POLLIN, 0}};
        if (::poll(fds, 3, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (fds[2].revents != 0) {
            break;  // shutdown
        }
        if (out_open && fds[0].revents != 0) {
            const ssize_t n = ::read(stdout_fd_, buffer, sizeof buffer);
            if (n > 0) {
                for (std::string& line : splitter.feed(std::string_view(buffer, n))) {
                    if (!line.empty() && handlers_.on_message) {
                        handlers_.on_message(std::move(line));
                    }
                }
                if (splitter.overflow()) {
                    report_closed("wrote a line longer than 64 MiB on stdout");
                    out_open = false;
                }
            } else if (n == 0 || errno != EINTR) {
                out_open = false;
                if (splitter.pending() > 0) {
                    // The last line had no '\n': the server died mid-message.
                    Logger::instance().log(KLAUDE_LOG_INFO, log_source_,
                                           "stdout ended inside a message");
                }
                wait_exit(std::chrono::milliseconds(500));
                report_closed(exit_description());
            }
        }
        if (err_open && fds[1].revents != 0) {
            const ssize_t n = ::read(stderr_fd_, buffer, sizeof buffer);
            if (n > 0) {
                stderr_partial.append(buffer, static_cast<std::size_t>(n));
                std::size_t nl;
                while ((nl = stderr_partial.find('\n')) != std::string::npos) {
                    log_stderr_line(stderr_partial.substr(0, nl));
                    stderr_partial.erase(0, nl + 1);
                }
                if (stderr_partial.size() > 64 * 1024) {
                    log_stderr_line(stderr_partial);
                    stderr_partial.clear();
                }
            } else if (n == 0 || errno != EINTR) {
                err_open = false;
            }
        }
    }
    if (!stderr_partial.empty()) {
        log_stderr_line(stderr_partial);
    }
}

bool StdioProcess::try_reap() {
    std::lock_guard<std::mutex> lock(reap_mutex_);
    if (reaped_ || pid_ <= 0) {
        return true;
    }
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_ || (r < 0 && errno == ECHILD)) {
        reaped_ = true;
        status_ = r == pid_ ? status : 0;
    }
    return reaped_;
}

bool StdioProcess::wait_exit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!try_reap()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

std::string StdioProcess::exit_description() {
    std::lock_guard<std::mutex> lock(reap_mutex_);
    if (!reaped_) {
        return "closed its stdout";
    }
    if (WIFEXITED(status_)) {
        return "exited with status " + std::to_string(WEXITSTATUS(status_));
    }
    if (WIFSIGNALED(status_)) {
        return std::string("was killed by signal ") + std::to_string(WTERMSIG(status_)) + " (" +
               strsignal(WTERMSIG(status_)) + ")";
    }
    return "exited";
}

void StdioProcess::shutdown(std::chrono::milliseconds grace) {
    std::lock_guard<std::mutex> lock(shutdown_mutex_);
    if (shut_down_) {
        return;
    }
    shut_down_ = true;
    {
        std::lock_guard<std::mutex> write_lock(write_mutex_);
        close_fd(stdin_fd_);
    }
    if (pid_ > 0 && !wait_exit(grace)) {
        ::kill(-pid_, SIGTERM);
        if (!wait_exit(grace)) {
            ::kill(-pid_, SIGKILL);
            wait_exit(std::chrono::milliseconds(5000));
        }
    }
    if (pid_ > 0) {
        // Whatever the server left behind in its group (an npx wrapper's children) goes too.
        ::kill(-pid_, SIGKILL);
    }
    if (wake_write_ >= 0) {
        const char byte = 1;
        [[maybe_unused]] ssize_t ignored = ::write(wake_write_, &byte, 1);
    }
    if (reader_.joinable()) {
        reader_.join();
    }
    close_fd(stdout_fd_);
    close_fd(stderr_fd_);
    close_fd(wake_read_);
    close_fd(wake_write_);
}

}  // namespace klaude::core::mcp
