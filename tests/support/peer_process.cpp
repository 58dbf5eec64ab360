#include "tests/support/peer_process.h"

#include "tests/support/child_environment.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <Poco/File.h>

extern char** environ;

namespace klaude::testing {

namespace {

constexpr std::size_t kStderrKeep = 64 * 1024;
constexpr auto kTermGrace = std::chrono::seconds(5);

void close_fd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

// Both ends close-on-exec: another peer started from another thread must not inherit them (an
// inherited stdin write end would keep this peer alive after we close ours).
void make_pipe(int fds[2]) {
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe2 failed: ") + std::strerror(errno));
    }
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (auto& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) {
        return "exit code " + std::to_string(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status)) {
        return "signal " + std::to_string(WTERMSIG(status));
    }
    return "status " + std::to_string(status);
}

}  // namespace

std::string PeerProcess::peers_dir() {
    return std::string(KLAUDE_SOURCE_DIR) + "/tests/peers";
}

PeerProcess::PeerProcess(const std::string& script, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env,
                         std::chrono::milliseconds ready_timeout)
    : script_(script) {
    const std::string dir = peers_dir();
    const std::string script_path = dir + "/" + script;
    if (!Poco::File(script_path).exists()) {
        throw std::runtime_error("no peer script " + script_path);
    }
    // npm ci writes this file last: its absence means the peers were never (fully) installed.
    if (!Poco::File(dir + "/node_modules/.package-lock.json").exists()) {
        throw std::runtime_error(dir +
                                 "/node_modules is missing: run 'make peers' (npm ci in "
                                 "tests/peers) before running these tests");
    }

    int in[2], out[2], err[2], wake[2];
    make_pipe(in);
    make_pipe(out);
    make_pipe(err);
    make_pipe(wake);
    stdin_fd_ = in[1];
    stdout_fd_ = out[0];
    stderr_fd_ = err[0];
    wake_read_fd_ = wake[0];
    wake_write_fd_ = wake[1];

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);

    // Own process group (pgid = its pid) so the destructor can signal the peer and anything it
    // starts at once; default signal dispositions and an empty mask so what this test process
    // blocks or ignores does not leak into the peer.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t none, defaults;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    sigemptyset(&defaults);
    for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGPIPE}) {
        sigaddset(&defaults, sig);
    }
    posix_spawnattr_setsigdefault(&attr, &defaults);

    std::vector<std::string> argv_strings{"node", script_path};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<std::string> env_strings = environment_strings(environment_with(env));
    std::vector<char*> argv = c_strings(argv_strings);
    std::vector<char*> envp = c_strings(env_strings);

    int rc = posix_spawnp(&pid_, "node", &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    if (rc != 0) {
        pid_ = -1;
        stop();
        if (rc == ENOENT) {
            throw std::runtime_error(
                "node is not on PATH: install Node.js 20 (scripts/install-deps.sh), then run "
                "'make peers'");
        }
        throw std::runtime_error("cannot start node for " + script + ": " + std::strerror(rc));
    }

    reader_ = std::thread([this] { read_output(); });

    std::unique_lock<std::mutex> lock(mutex_);
    ready_cv_.wait_for(lock, ready_timeout, [this] { return ready_ || stdout_closed_; });
    if (ready_) {
        return;
    }
    const bool exited = stdout_closed_;
    lock.unlock();
    stop();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(ready_timeout).count();
    throw std::runtime_error(describe_failure(
        exited ? "exited (" + describe_status(exit_status_) + ") before printing READY"
               : "did not print READY <port> within " + std::to_string(seconds) + " s"));
}

PeerProcess::~PeerProcess() {
    stop();
}

std::string PeerProcess::base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::string PeerProcess::localhost_url() const {
    return "http://localhost:" + std::to_string(port_);
}

std::string PeerProcess::stderr_text() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stderr_;
}

std::string PeerProcess::describe_failure(const std::string& what) const {
    std::string text = stderr_text();
    return "peer " + script_ + " " + what + "; its stderr:\n" +
           (text.empty() ? std::string("(empty)") : text);
}

// Drains the peer's stdout and stderr until both close (or stop() wakes it): a peer blocked on a
// full pipe would stop answering requests.
void PeerProcess::read_output() {
    bool out_open = true;
    bool err_open = true;
    int timeout_ms = -1;  // block until output, EOF or a wake-up
    char buffer[4096];
    while (out_open || err_open) {
        pollfd fds[3] = {{out_open ? stdout_fd_ : -1, POLLIN, 0},
                         {err_open ? stderr_fd_ : -1, POLLIN, 0},
                         {timeout_ms < 0 ? wake_read_fd_ : -1, POLLIN, 0}};
        int ready = ::poll(fds, 3, timeout_ms);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            break;  // an error, or drained after the wake-up
        }
        if (fds[2].revents != 0) {
            // stop() asks us to finish: keep what is already in the pipes (the peer's last
            // words explain failures), but don't wait for more.
            timeout_ms = 0;
            continue;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].revents == 0) {
                continue;
            }
            ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            std::lock_guard<std::mutex> lock(mutex_);
            if (n <= 0) {
                (i == 0 ? out_open : err_open) = false;
                if (i == 0) {
                    stdout_closed_ = true;
                    ready_cv_.notify_all();
                }
                continue;
            }
            if (i == 1) {
                stderr_.append(buffer, static_cast<std::size_t>(n));
                if (stderr_.size() > kStderrKeep) {
                    stderr_.erase(0, stderr_.size() - kStderrKeep);
                }
                continue;
            }
            stdout_line_.append(buffer, static_cast<std::size_t>(n));
            for (auto nl = stdout_line_.find('\n'); nl != std::string::npos;
                 nl = stdout_line_.find('\n')) {
                std::string line = stdout_line_.substr(0, nl);
                stdout_line_.erase(0, nl + 1);
                if (!ready_ && line.rfind("READY ", 0) == 0) {
                    int port = std::atoi(line.c_str() + 6);
                    if (port > 0 && port < 65536) {
                        port_ = static_cast<uint16_t>(port);
                        ready_ = true;
                        ready_cv_.notify_all();
                        continue;
                    }
                }
                stderr_ += "[stdout] " + line + "\n";
            }
        }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    stdout_closed_ = true;
    ready_cv_.notify_all();
}

void PeerProcess::stop() {
    // Closing stdin alone ends a well-behaved peer; SIGTERM to the group covers a busy one, and
    // SIGKILL one that ignores both.
    close_fd(stdin_fd_);
    if (pid_ > 0 && !reaped_) {
        ::kill(-pid_, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + kTermGrace;
        while (!reaped_ && std::chrono::steady_clock::now() < deadline) {
            if (::waitpid(pid_, &exit_status_, WNOHANG) == pid_) {
                reaped_ = true;
            } else {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
        if (!reaped_) {
            ::kill(-pid_, SIGKILL);
            ::waitpid(pid_, &exit_status_, 0);
            reaped_ = true;
        }
    }
    if (reader_.joinable()) {
        // The peer is gone, so its pipes are at EOF, unless something it started still holds
        // them: wake the reader rather than wait for that.
        [[maybe_unused]] ssize_t n = ::write(wake_write_fd_, "x", 1);
        reader_.join();
    }
    close_fd(stdout_fd_);
    close_fd(stderr_fd_);
    close_fd(wake_read_fd_);
    close_fd(wake_write_fd_);
}

}  // namespace klaude::testing
