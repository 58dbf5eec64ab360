#include "core/host/host_services.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "core/host/interrupts.h"
#include "core/log/logger.h"
#include "klaude/sdk/error.hpp"

extern char** environ;

namespace klaude::core {

HostServices::HostServices(Options options) : options_(std::move(options)) {
    host_.struct_size = sizeof host_;
    host_.abi_version = KLAUDE_ABI_VERSION_INIT;
    host_.host_name = "klaude";
    host_.host_version = KLAUDE_VERSION;
    host_.host_data = this;
    host_.log = [](const klaude_host_t* host, klaude_log_level_t level, const char* message) {
        if (message == nullptr) {
            Logger::instance().log(KLAUDE_LOG_MISBEHAVIOUR, "plugin", "log called with NULL");
            return;
        }
        (void)host;
        Logger::instance().log(level, "plugin", message);
    };
    host_.print = [](const klaude_host_t* host, const char* text) {
        if (text != nullptr) {
            self(host).print(text);
        }
    };
    host_.open_url = [](const klaude_host_t* host, const char* url, char* err,
                        size_t capacity) -> klaude_status_t {
        if (url == nullptr) {
            sdk::write_message(err, capacity, "open_url: NULL url");
            return KLAUDE_ERROR_INVALID_ARGUMENT;
        }
        std::string error;
        klaude_status_t status = self(host).open_url(url, error);
        sdk::write_message(err, capacity, error);
        return status;
    };
    host_.ask = [](const klaude_host_t* host, const klaude_ask_request_t* request, char* answer,
                   size_t capacity) -> klaude_status_t {
        if (request == nullptr ||
            request->struct_size < offsetof(klaude_ask_request_t, context) + sizeof(void*)) {
            return KLAUDE_ERROR_INVALID_ARGUMENT;
        }
        std::string line;
        klaude_status_t status = self(host).ask(*request, line);
        sdk::write_message(answer, capacity, status == KLAUDE_OK ? line : std::string());
        return status;
    };
    host_.confirm = [](const klaude_host_t* host, const char* question,
                       int32_t* out_yes) -> klaude_status_t {
        if (question == nullptr || out_yes == nullptr) {
            return KLAUDE_ERROR_INVALID_ARGUMENT;
        }
        bool yes = false;
        klaude_status_t status = self(host).confirm(question, yes);
        *out_yes = yes ? 1 : 0;
        return status;
    };
    host_.home_dir = [](const klaude_host_t* host) -> const char* {
        return self(host).options_.home_dir.c_str();
    };
    host_.is_cancelled = [](const klaude_host_t*) -> int32_t {
        return Interrupts::instance().requested() ? 1 : 0;
    };
}

HostServices& HostServices::self(const klaude_host_t* host) {
    return *static_cast<HostServices*>(host->host_data);
}

void HostServices::print(const std::string& text) {
    std::lock_guard<std::mutex> lock(print_mutex_);
    std::fputs(text.c_str(), stderr);
    if (text.empty() || text.back() != '\n') {
        std::fputc('\n', stderr);
    }
    std::fflush(stderr);
}

klaude_status_t HostServices::ask(const klaude_ask_request_t& request, std::string& answer) {
    std::lock_guard<std::mutex> lock(input_mutex_);
    if (request.prompt != nullptr && request.prompt[0] != '\0') {
        std::lock_guard<std::mutex> print_lock(print_mutex_);
        std::fputs(request.prompt, stderr);
        std::fflush(stderr);
    }
    std::function<bool()> should_stop;
    if (request.should_stop != nullptr) {
        should_stop = [&request] { return request.should_stop(request.context) != 0; };
    }
    TerminalInput::Result result = input_.read_line(
        should_stop, std::chrono::milliseconds(request.timeout_ms > 0 ? request.timeout_ms : 0),
        request.secret != 0);
    if (request.secret != 0 && input_.is_terminal()) {
        std::fputc('\n', stderr);  // the user's Enter was not echoed
    }
    answer = std::move(result.line);
    return result.status;
}

klaude_status_t HostServices::confirm(const std::string& question, bool& yes) {
    if (options_.assume_yes) {
        yes = true;
        return KLAUDE_OK;
    }
    if (!input_.is_terminal()) {
        yes = false;
        return KLAUDE_ERROR_UNSUPPORTED;
    }
    klaude_ask_request_t request{};
    request.struct_size = sizeof request;
    const std::string prompt = question + " [y/N] ";
    request.prompt = prompt.c_str();
    std::string answer;
    klaude_status_t status = ask(request, answer);
    yes = status == KLAUDE_OK && (answer == "y" || answer == "Y" || answer == "yes");
    return status;
}

klaude_status_t HostServices::open_url(const std::string& url, std::string& error) {
    std::string browser = options_.browser;
    if (browser.empty()) {
        const char* env = std::getenv("KLAUDE_BROWSER");
        browser = env != nullptr ? env : "";
    }
    if (browser.empty()) {
        if (std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr) {
            error = "no graphical session to open a browser in";
            return KLAUDE_ERROR_UNSUPPORTED;
        }
        browser = "xdg-open";
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::string url_copy = url;
    char* argv[] = {browser.data(), url_copy.data(), nullptr};
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, browser.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        error = "cannot run " + browser + ": " + std::strerror(rc);
        return KLAUDE_ERROR_UNSUPPORTED;
    }
    // Reap it whenever it ends; the login does not wait for the browser.
    std::thread([pid] {
        int status = 0;
        ::waitpid(pid, &status, 0);
    }).detach();
    return KLAUDE_OK;
}

}  // namespace klaude::core
