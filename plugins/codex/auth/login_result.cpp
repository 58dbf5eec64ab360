#include "plugins/codex/auth/login_result.h"

namespace klaude::codex {

void LoginResult::succeed(const TokenSet& tokens) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (state_ != State::kWaiting) {
            return;
        }
        state_ = State::kSucceeded;
        tokens_ = tokens;
    }
    changed_.notify_all();
}

void LoginResult::fail(klaude_status_t status, const std::string& message) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (state_ != State::kWaiting) {
            return;
        }
        state_ = State::kFailed;
        status_ = status;
        message_ = message;
    }
    changed_.notify_all();
}

LoginResult::State LoginResult::state() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return state_;
}

bool LoginResult::wait_for(std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return state_ != State::kWaiting; });
}

TokenSet LoginResult::tokens() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return tokens_;
}

klaude_status_t LoginResult::status() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return status_;
}

std::string LoginResult::message() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return message_;
}

}  // namespace klaude::codex
