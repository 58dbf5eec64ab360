#include "tests/core/tui/pty_session.h"

#include "tests/support/child_environment.h"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

extern char** environ;

namespace klaude::testing {

PtySession::PtySession(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                       const std::map<std::string, std::string>& env) {
    // Everything the child needs is built before fork: after it only async-signal-safe calls.
    std::map<std::string, std::string> overrides = {
        {"NO_COLOR", ""}, {"FORCE_HYPERLINK", ""}, {"COLUMNS", ""}};
    for (const auto& [name, value] : env) {
        overrides[name] = value;
    }
    std::vector<std::string> env_strings = environment_strings(environment_with(overrides));
    std::vector<char*> envp;
    for (std::string& entry : env_strings) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    std::vector<std::string> args = argv;
    std::vector<char*> arg_pointers;
    for (std::string& arg : args) {
        arg_pointers.push_back(arg.data());
    }
    arg_pointers.push_back(nullptr);
    const std::string directory = cwd.string();

    winsize size{};
    size.ws_row = 30;
    size.ws_col = 100;
    pid_ = ::forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ < 0) {
        throw std::runtime_error("forkpty failed");
    }
    if (pid_ == 0) {
        if (::chdir(directory.c_str()) != 0) {
            ::_exit(126);
        }
        ::execve(arg_pointers[0], arg_pointers.data(), envp.data());
        ::_exit(127);
    }
}

PtySession::~PtySession() {
    if (!exited_ && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    if (master_ >= 0) {
        ::close(master_);
    }
}

void PtySession::type(const std::string& keys) {
    std::size_t written = 0;
    while (written < keys.size()) {
        const ssize_t n = ::write(master_, keys.data() + written, keys.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        written += static_cast<std::size_t>(n);
    }
}

void PtySession::resize(unsigned short columns, unsigned short rows) {
    winsize size{};
    size.ws_col = columns;
    size.ws_row = rows;
    ::ioctl(master_, TIOCSWINSZ, &size);
}

void PtySession::read_for(std::chrono::milliseconds duration) {
    const auto deadline = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < deadline) {
        if (!pump(std::chrono::milliseconds(20))) {
            return;
        }
    }
}

void PtySession::send_signal(int signal) {
    if (!exited_ && pid_ > 0) {
        ::kill(pid_, signal);
    }
}

bool PtySession::wait_stopped(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!exited_) {
        pump(std::chrono::milliseconds(20));  // keep the terminal drained
        int status = 0;
        const pid_t done = ::waitpid(pid_, &status, WNOHANG | WUNTRACED);
        if (done == pid_) {
            if (WIFSTOPPED(status)) {
                return true;
            }
            exited_ = true;
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return false;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
    }
    return false;
}

bool PtySession::pump(std::chrono::milliseconds wait) {
    pollfd pfd{master_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(wait.count()));
    if (ready <= 0) {
        return true;
    }
    char buffer[4096];
    const ssize_t n = ::read(master_, buffer, sizeof buffer);
    if (n <= 0) {
        return n < 0 && (errno == EINTR || errno == EAGAIN);  // EIO: the program is gone
    }
    output_.append(buffer, static_cast<std::size_t>(n));
    return true;
}

bool PtySession::expect(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto found = output_.find(text, mark_);
        if (found != std::string::npos) {
            mark_ = found + text.size();
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        if (!pump(std::chrono::milliseconds(50))) {
            return output_.find(text, mark_) != std::string::npos;
        }
    }
}

int PtySession::wait_exit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!exited_) {
        pump(std::chrono::milliseconds(20));  // keep the terminal drained
        int status = 0;
        const pid_t done = ::waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            exited_ = true;
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return -1;
        }
    }
    // What it wrote just before it ended.
    for (;;) {
        pollfd pfd{master_, POLLIN, 0};
        char buffer[4096];
        if (::poll(&pfd, 1, 0) <= 0) {
            break;
        }
        const ssize_t n = ::read(master_, buffer, sizeof buffer);
        if (n <= 0) {
            break;
        }
        output_.append(buffer, static_cast<std::size_t>(n));
    }
    return exit_code_;
}

}  // namespace klaude::testing
