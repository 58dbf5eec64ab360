// The real klaude binary in the background with its output readable while it runs, for tests
// that must react to what it prints (the sign-in URL of `klaude auth login`) before it ends.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace klaude::stress {

class LiveKlaude {
  public:
    // `env` entries are added to (or, when empty, removed from) the test's environment.
    // stdin is a pipe that stays open (not a terminal, never at EOF) until wait() or the end.
    LiveKlaude(const std::vector<std::string>& args, const std::map<std::string, std::string>& env);
    ~LiveKlaude();  // SIGKILL if still running
    LiveKlaude(const LiveKlaude&) = delete;
    LiveKlaude& operator=(const LiveKlaude&) = delete;

    // Waits until stdout or stderr contains `text`; false after `timeout` or at exit without it.
    bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout);
    std::string out() const;
    std::string err() const;
    bool running();
    // The exit code (256 + N for a death by signal N), or nullopt when still running after
    // `timeout`.
    std::optional<int> wait(std::chrono::milliseconds timeout);

  private:
    void read_into(int fd, std::string* into);

    pid_t pid_ = -1;
    std::optional<int> exit_code_;
    int stdin_fd_ = -1;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::string out_, err_;
    int open_streams_ = 2;
    std::thread out_reader_, err_reader_;
};

}  // namespace klaude::stress
