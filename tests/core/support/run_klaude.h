// Runs the real `klaude` binary as a child process, the way a user does: arguments, extra
// environment, optional stdin text; returns exit code, stdout and stderr.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace klaude::testing {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// `env` entries are added to (or replace) the test's own environment; an empty value unsets.
// `cwd`: the working directory ("" = the test's).
ProcessResult run_klaude(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {},
                         const std::string& stdin_text = "", const std::string& cwd = "");

// A klaude process running in the background, for tests that signal it mid-run.
class KlaudeProcess {
  public:
    KlaudeProcess(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env = {}, const std::string& cwd = "");
    ~KlaudeProcess();
    KlaudeProcess(const KlaudeProcess&) = delete;
    KlaudeProcess& operator=(const KlaudeProcess&) = delete;
    void signal(int signo);
    // Waits for the exit and collects the output.
    ProcessResult wait();

  private:
    struct State;
    State* state_;
};

// The build tree's klaude binary.
std::string klaude_binary();

}  // namespace klaude::testing
