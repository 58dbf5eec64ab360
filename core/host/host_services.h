// The klaude_host_t the host hands to every plugin: logging, printing to the user, opening a
// browser, asking questions, confirming, the klaude home, and the cancellation flag.
#pragma once

#include <mutex>
#include <string>

#include "core/host/terminal_input.h"
#include "klaude/abi/host.h"

namespace klaude::core {

class HostServices {
  public:
    struct Options {
        std::string home_dir;     // absolute, already created 0700
        bool assume_yes = false;  // --yes: confirm answers yes without asking
        std::string browser;      // command to open URLs; empty: $KLAUDE_BROWSER, xdg-open
    };

    explicit HostServices(Options options);
    HostServices(const HostServices&) = delete;
    HostServices& operator=(const HostServices&) = delete;

    const klaude_host_t* host() const { return &host_; }

    // The same services for host code (the CLI uses them too).
    void print(const std::string& text);
    klaude_status_t ask(const klaude_ask_request_t& request, std::string& answer);
    klaude_status_t confirm(const std::string& question, bool& yes);
    klaude_status_t open_url(const std::string& url, std::string& error);

  private:
    static HostServices& self(const klaude_host_t* host);

    Options options_;
    klaude_host_t host_{};
    std::mutex print_mutex_;
    std::mutex input_mutex_;
    TerminalInput input_;
};

}  // namespace klaude::core
