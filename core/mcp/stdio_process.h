// An MCP server on stdio: a child process (its own process group) with pipes on stdin, stdout
// and stderr. A reader thread splits stdout into lines for the client and sends stderr to
// klaude's log (never to the terminal). Shutdown as the MCP specification says: close stdin,
// wait, SIGTERM, wait, SIGKILL.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/mcp/transport.h"

namespace klaude::core::mcp {

struct SpawnSpec {
    std::vector<std::string> argv;           // argv[0] is looked up in PATH
    std::map<std::string, std::string> env;  // added to (replacing in) klaude's environment
    std::optional<std::filesystem::path> cwd;
};

// Handlers: on_message gets each non-empty stdout line, on the reader thread; on_closed comes
// when stdout closed (the server exited or closed it) or the server wrote an over-long line.
class StdioProcess : public Transport {
  public:
    // Starts the process; throws std::runtime_error (one line) when it cannot be started.
    // `log_source` names the server in the log lines of its stderr.
    StdioProcess(const SpawnSpec& spec, std::string log_source, Handlers handlers);
    ~StdioProcess() override;  // shutdown()
    StdioProcess(const StdioProcess&) = delete;
    StdioProcess& operator=(const StdioProcess&) = delete;

    // [thread-safe] Writes `data` whole, waiting at most `timeout` for the pipe to take it.
    // False when the server does not read or its stdin is closed.
    bool send(std::string_view data, std::chrono::milliseconds timeout) override;

    // [thread-safe, idempotent] Ends the server: closes its stdin, waits up to `grace` for it to
    // exit, then SIGTERM to its process group, waits `grace` again, then SIGKILL. Joins the
    // reader thread. Must not be called from a handler.
    void shutdown(std::chrono::milliseconds grace);
    void shutdown() override { shutdown(std::chrono::milliseconds(2000)); }

    pid_t pid() const { return pid_; }

  private:
    void read_loop();
    // Reaps the child if it exited; true when it has been reaped.
    bool try_reap();
    bool wait_exit(std::chrono::milliseconds timeout);
    std::string exit_description();

    std::string log_source_;
    Handlers handlers_;
    pid_t pid_ = -1;
    int stdin_fd_ = -1;
    int stdout_fd_ = -1;
    int stderr_fd_ = -1;
    int wake_read_ = -1;
    int wake_write_ = -1;

    std::mutex write_mutex_;  // guards stdin_fd_
    std::mutex reap_mutex_;
    bool reaped_ = false;
    int status_ = 0;
    std::mutex shutdown_mutex_;
    bool shut_down_ = false;
    std::thread reader_;
};

}  // namespace klaude::core::mcp
