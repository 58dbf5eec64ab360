#include "tests/stress/live_process.h"

#include "tests/support/child_environment.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

#include "tests/core/support/run_klaude.h"

extern char** environ;

namespace klaude::stress {
namespace {

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

}  // namespace

LiveKlaude::LiveKlaude(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env) {
    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
        ::pipe2(err, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    ::posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    ::posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    std::vector<std::string> argv_strings{klaude::testing::klaude_binary()};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<std::string> env_strings =
        klaude::testing::environment_strings(klaude::testing::environment_with(env));
    std::vector<char*> argv = c_strings(argv_strings);
    std::vector<char*> envp = c_strings(env_strings);
    const int rc = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    ::posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    if (rc != 0) {
        ::close(in[1]);
        ::close(out[0]);
        ::close(err[0]);
        throw std::runtime_error(std::string("posix_spawn: ") + std::strerror(rc));
    }
    stdin_fd_ = in[1];
    out_reader_ = std::thread([this, fd = out[0]] { read_into(fd, &out_); });
    err_reader_ = std::thread([this, fd = err[0]] { read_into(fd, &err_); });
}

LiveKlaude::~LiveKlaude() {
    if (!wait(std::chrono::milliseconds(0))) {
        ::kill(pid_, SIGKILL);
        wait(std::chrono::seconds(30));
    }
    if (stdin_fd_ >= 0) {
        ::close(stdin_fd_);
    }
    out_reader_.join();
    err_reader_.join();
}

void LiveKlaude::read_into(int fd, std::string* into) {
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        if (n <= 0) {
            --open_streams_;
            changed_.notify_all();
            break;
        }
        into->append(buffer, static_cast<size_t>(n));
        changed_.notify_all();
    }
    ::close(fd);
}

bool LiveKlaude::wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
        return out_.find(text) != std::string::npos || err_.find(text) != std::string::npos ||
               open_streams_ == 0;
    }) && (out_.find(text) != std::string::npos || err_.find(text) != std::string::npos);
}

std::string LiveKlaude::out() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return out_;
}

std::string LiveKlaude::err() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return err_;
}

bool LiveKlaude::running() {
    return !wait(std::chrono::milliseconds(0));
}

std::optional<int> LiveKlaude::wait(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!exit_code_) {
        int status = 0;
        const pid_t r = ::waitpid(pid_, &status, WNOHANG);
        if (r == pid_) {
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 256 + WTERMSIG(status);
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // Output is complete once both pipes are closed.
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(10), [&] { return open_streams_ == 0; });
    return exit_code_;
}

}  // namespace klaude::stress
