// klaude C++ SDK: the host services, wrapped. Every call checks that the host is new enough to
// offer the service (struct_size) and degrades gracefully when it is not.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "klaude/abi/host.h"

namespace klaude::sdk {

class Host {
public:
    explicit Host(const klaude_host_t* host) noexcept : host_(host) {}

    const klaude_host_t* raw() const noexcept { return host_; }

    // [thread-safe] One line to the host log. Never pass secrets.
    void log(klaude_log_level_t level, const std::string& message) const noexcept {
        if (KLAUDE_HOST_HAS(host_, log)) {
            host_->log(host_, level, message.c_str());
        }
    }
    void debug(const std::string& m) const noexcept { log(KLAUDE_LOG_DEBUG, m); }
    void info(const std::string& m) const noexcept { log(KLAUDE_LOG_INFO, m); }
    void warning(const std::string& m) const noexcept { log(KLAUDE_LOG_WARNING, m); }

    // [thread-safe] A line the user must see now (stderr, flushed).
    void print(const std::string& text) const noexcept {
        if (KLAUDE_HOST_HAS(host_, print)) {
            host_->print(host_, text.c_str());
        }
    }

    // [main-thread] Opens a URL in the browser. Returns false (with a reason) when it cannot.
    bool open_url(const std::string& url, std::string* reason = nullptr) const {
        if (!KLAUDE_HOST_HAS(host_, open_url)) {
            if (reason != nullptr) {
                *reason = "the host cannot open a browser";
            }
            return false;
        }
        char err[512] = {0};
        klaude_status_t status = host_->open_url(host_, url.c_str(), err, sizeof err);
        if (status != KLAUDE_OK && reason != nullptr) {
            *reason = err;
        }
        return status == KLAUDE_OK;
    }

    struct AskResult {
        klaude_status_t status = KLAUDE_ERROR_UNSUPPORTED;
        std::string answer;  // valid when status == KLAUDE_OK
    };

    // [main-thread] Asks for a line of input; `should_stop` is polled while waiting.
    AskResult ask(const std::string& prompt, bool secret = false, int32_t timeout_ms = 0,
                  std::function<bool()> should_stop = {}) const {
        AskResult result;
        if (!KLAUDE_HOST_HAS(host_, ask)) {
            return result;
        }
        klaude_ask_request_t request{};
        request.struct_size = sizeof request;
        request.prompt = prompt.c_str();
        request.secret = secret ? 1 : 0;
        request.timeout_ms = timeout_ms;
        if (should_stop) {
            request.should_stop = [](void* context) -> int32_t {
                try {
                    return (*static_cast<std::function<bool()>*>(context))() ? 1 : 0;
                } catch (...) {
                    return 1;
                }
            };
            request.context = &should_stop;
        }
        std::string buffer(8192, '\0');
        result.status = host_->ask(host_, &request, buffer.data(), buffer.size());
        if (result.status == KLAUDE_OK) {
            buffer.resize(std::char_traits<char>::length(buffer.c_str()));
            result.answer = std::move(buffer);
        }
        return result;
    }

    // [main-thread] A yes/no question. nullopt when the host cannot ask.
    std::optional<bool> confirm(const std::string& question) const {
        if (!KLAUDE_HOST_HAS(host_, confirm)) {
            return std::nullopt;
        }
        int32_t yes = 0;
        if (host_->confirm(host_, question.c_str(), &yes) != KLAUDE_OK) {
            return std::nullopt;
        }
        return yes != 0;
    }

    // [thread-safe] $KLAUDE_HOME, created 0700 by the host.
    std::string home_dir() const {
        if (KLAUDE_HOST_HAS(host_, home_dir)) {
            const char* dir = host_->home_dir(host_);
            if (dir != nullptr) {
                return dir;
            }
        }
        return {};
    }

    // [thread-safe] True once the user asked to stop (Ctrl-C).
    bool cancelled() const noexcept {
        return KLAUDE_HOST_HAS(host_, is_cancelled) && host_->is_cancelled(host_) != 0;
    }

private:
    const klaude_host_t* host_;
};

}  // namespace klaude::sdk
