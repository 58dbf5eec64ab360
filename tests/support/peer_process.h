// A third-party server from tests/peers/ (oidc-provider, aimock, ...) running as a child process
// for the length of a test: `node tests/peers/<script> <args>`, in its own process group.
//
// The script prints `READY <port>` on stdout once it listens (tests/peers/peer-lifecycle.mjs);
// the constructor waits for that line, so a constructed PeerProcess is ready to take requests.
// The destructor ends the whole process group. The peer also exits by itself when its stdin
// closes, so even a crashed test leaves no server behind.
//
// Peers are installed by `make peers` (npm ci in tests/peers); `make test` always does that, so a
// missing install is an error with that advice, never a skipped test.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace klaude::testing {

class PeerProcess {
  public:
    // Starts `node <source>/tests/peers/<script> args...` with `env` added to (or replacing in, or
    // with an empty value removed from)
    // this process's environment. Throws std::runtime_error with what to do when node or the
    // peers' node_modules are missing, when the peer exits before READY, or when READY does not
    // come within `ready_timeout`; the message carries the end of the peer's stderr.
    explicit PeerProcess(const std::string& script, const std::vector<std::string>& args = {},
                         const std::map<std::string, std::string>& env = {},
                         std::chrono::milliseconds ready_timeout = std::chrono::seconds(20));
    ~PeerProcess();
    PeerProcess(const PeerProcess&) = delete;
    PeerProcess& operator=(const PeerProcess&) = delete;

    uint16_t port() const { return port_; }
    // http://127.0.0.1:<port>
    std::string base_url() const;
    // http://localhost:<port>: how the OAuth peer names itself (its issuer).
    std::string localhost_url() const;
    pid_t pid() const { return pid_; }
    // What the peer wrote to stderr so far (its last 64 KiB), for failure messages.
    std::string stderr_text() const;

    // <source>/tests/peers: where the scripts and node_modules live.
    static std::string peers_dir();

  private:
    void read_output();
    void stop();
    std::string describe_failure(const std::string& what) const;

    std::string script_;
    pid_t pid_ = -1;
    bool reaped_ = false;
    int exit_status_ = 0;
    int stdin_fd_ = -1;
    int stdout_fd_ = -1;
    int stderr_fd_ = -1;
    int wake_read_fd_ = -1;
    int wake_write_fd_ = -1;
    uint16_t port_ = 0;

    mutable std::mutex mutex_;
    std::condition_variable ready_cv_;
    bool ready_ = false;
    bool stdout_closed_ = false;
    std::string stdout_line_;
    std::string stderr_;
    std::thread reader_;
};

}  // namespace klaude::testing
