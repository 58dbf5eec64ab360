// Runs a program in a new pseudo-terminal, the way a person at a terminal runs it: the test
// types into the terminal and waits for text to appear on it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace klaude::testing {

class PtySession {
  public:
    // Starts `argv` (argv[0] is the program's path) in `cwd` on a 100x30 terminal, with the
    // test's environment plus `env` (an empty value unsets a variable). NO_COLOR,
    // FORCE_HYPERLINK and COLUMNS are unset unless `env` sets them, so a developer's shell
    // cannot change what the program draws.
    PtySession(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
               const std::map<std::string, std::string>& env);
    ~PtySession();  // kills the program if it still runs
    PtySession(const PtySession&) = delete;
    PtySession& operator=(const PtySession&) = delete;

    // Writes `keys` to the terminal as typed input ("\r" is Enter, "\x03" Ctrl-C).
    void type(const std::string& keys);

    // Changes the terminal's size, as a window resize does (the program gets SIGWINCH).
    void resize(unsigned short columns, unsigned short rows);

    // Waits until `text` appears in the output after the previous match; on success the next
    // wait starts after this match. False on timeout or when the program ended first.
    bool expect(const std::string& text,
                std::chrono::milliseconds timeout = std::chrono::seconds(20));

    // Reads what the program writes during `duration` (to look at unmatched() after).
    void read_for(std::chrono::milliseconds duration);

    // Waits for the program to end: its exit code, 128+N for signal N, -1 on timeout.
    int wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(20));

    // The program's process id (it leads the terminal's session and process group).
    pid_t pid() const { return pid_; }
    // Sends `signal` to the program (SIGCONT for `fg`, say).
    void send_signal(int signal);
    // Waits until the program is stopped (Ctrl-Z); false on timeout or when it ended.
    bool wait_stopped(std::chrono::milliseconds timeout = std::chrono::seconds(10));

    // Everything the program wrote so far (escape sequences included).
    const std::string& output() const { return output_; }
    // The output after the last match.
    std::string unmatched() const { return output_.substr(mark_); }

  private:
    // Reads what is available, waiting at most `wait`. False when the terminal closed.
    bool pump(std::chrono::milliseconds wait);

    int master_ = -1;
    pid_t pid_ = -1;
    int exit_code_ = -1;
    bool exited_ = false;
    std::string output_;
    std::size_t mark_ = 0;
};

}  // namespace klaude::testing
