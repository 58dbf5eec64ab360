// The outcome of a waiting sign-in, shared by the callback server's threads and the thread
// that runs the login. The first outcome wins; later ones are ignored.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

#include "klaude/abi/status.h"
#include "plugins/codex/auth/token_set.h"

namespace klaude::codex {

class LoginResult {
  public:
    enum class State { kWaiting, kSucceeded, kFailed };

    void succeed(const TokenSet& tokens);
    void fail(klaude_status_t status, const std::string& message);

    State state() const;
    bool done() const { return state() != State::kWaiting; }
    // Waits until done or `timeout` passed; true when done.
    bool wait_for(std::chrono::milliseconds timeout) const;

    // Valid once done.
    TokenSet tokens() const;
    klaude_status_t status() const;
    std::string message() const;

  private:
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    State state_ = State::kWaiting;
    TokenSet tokens_;
    klaude_status_t status_ = KLAUDE_OK;
    std::string message_;
};

}  // namespace klaude::codex
