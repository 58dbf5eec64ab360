// The seam between the sign-in flows and the user: everything a login shows or asks goes
// through this interface. In the plugin it is the host's services (HostLoginUi); tests drive
// the flows through a mock, without a terminal.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "klaude/abi/status.h"
#include "klaude/sdk/host.hpp"

namespace klaude::codex {

class LoginUi {
  public:
    struct Answer {
        klaude_status_t status = KLAUDE_ERROR_UNSUPPORTED;
        std::string text;  // when status == KLAUDE_OK
    };

    virtual ~LoginUi() = default;

    // [thread-safe] A line the user must see now (flushed).
    virtual void print(const std::string& text) = 0;
    // Opens the browser; false (with a reason) when it cannot.
    virtual bool open_url(const std::string& url, std::string* reason) = 0;
    // Waits for a typed line while polling `should_stop` (KLAUDE_ERROR_CANCELLED when it says
    // so); KLAUDE_ERROR_TIMEOUT, KLAUDE_ERROR_END_OF_INPUT, KLAUDE_ERROR_UNSUPPORTED otherwise.
    virtual Answer ask(const std::string& prompt, int32_t timeout_ms,
                       const std::function<bool()>& should_stop) = 0;
    // A yes/no question (the host answers yes for --yes); nullopt when it cannot ask.
    virtual std::optional<bool> confirm(const std::string& question) = 0;
    // [thread-safe] True once the user pressed Ctrl-C.
    virtual bool cancelled() = 0;
};

class HostLoginUi : public LoginUi {
  public:
    explicit HostLoginUi(sdk::Host host) : host_(host) {}

    void print(const std::string& text) override { host_.print(text); }
    bool open_url(const std::string& url, std::string* reason) override {
        return host_.open_url(url, reason);
    }
    Answer ask(const std::string& prompt, int32_t timeout_ms,
               const std::function<bool()>& should_stop) override {
        sdk::Host::AskResult result = host_.ask(prompt, false, timeout_ms, should_stop);
        return {result.status, std::move(result.answer)};
    }
    std::optional<bool> confirm(const std::string& question) override {
        return host_.confirm(question);
    }
    bool cancelled() override { return host_.cancelled(); }

  private:
    sdk::Host host_;
};

}  // namespace klaude::codex
