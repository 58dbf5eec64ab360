// GoogleMock of the LoginUi seam, plus canned behaviours for `ask`.
#pragma once

#include <gmock/gmock.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "plugins/codex/auth/login_ui.h"

namespace klaude::codex::testing {

class MockLoginUi : public LoginUi {
  public:
    MOCK_METHOD(void, print, (const std::string&), (override));
    MOCK_METHOD(bool, open_url, (const std::string&, std::string*), (override));
    MOCK_METHOD(Answer, ask, (const std::string&, int32_t, const std::function<bool()>&),
                (override));
    MOCK_METHOD(std::optional<bool>, confirm, (const std::string&), (override));
    MOCK_METHOD(bool, cancelled, (), (override));

    // Records everything printed (print may be called from server threads).
    void record_prints() {
        ON_CALL(*this, print).WillByDefault([this](const std::string& text) {
            std::lock_guard<std::mutex> lock(mutex_);
            printed_ += text + "\n";
        });
    }
    std::string printed() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return printed_;
    }

  private:
    mutable std::mutex mutex_;
    std::string printed_;
};

// `ask` that behaves like a terminal where nobody types: it returns when should_stop says so
// (KLAUDE_ERROR_CANCELLED) or at its timeout.
inline LoginUi::Answer wait_until_stopped(const std::string&, int32_t timeout_ms,
                                          const std::function<bool()>& should_stop) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!should_stop()) {
        if (std::chrono::steady_clock::now() >= until) {
            return {KLAUDE_ERROR_TIMEOUT, ""};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return {KLAUDE_ERROR_CANCELLED, ""};
}

// The first http(s) URL in `text` containing `needle`, up to the next whitespace.
inline std::string find_url(const std::string& text, const std::string& needle) {
    size_t at = text.find(needle);
    if (at == std::string::npos) {
        return {};
    }
    size_t begin = text.rfind("http", at);
    size_t end = text.find_first_of(" \n\t", at);
    return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

}  // namespace klaude::codex::testing
