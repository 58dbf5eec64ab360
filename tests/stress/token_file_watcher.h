// Samples a token file in a loop on its own thread while other processes rewrite it, the way a
// concurrent reader (another klaude, `klaude auth status`) sees it: every sample must be a
// complete JSON object of ours with mode 0600, and the file must never be missing.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace klaude::stress {

class TokenFileWatcher {
  public:
    explicit TokenFileWatcher(std::string path);
    ~TokenFileWatcher();  // stops
    TokenFileWatcher(const TokenFileWatcher&) = delete;
    TokenFileWatcher& operator=(const TokenFileWatcher&) = delete;

    // Stops sampling; the results below are final afterwards.
    void stop();

    int samples() const { return samples_.load(); }
    // Distinct refresh tokens seen, in order of first sight.
    std::vector<std::string> refresh_tokens_seen() const;
    // One line per bad sample (missing, unreadable, torn or foreign JSON, wrong mode).
    std::vector<std::string> problems() const;

  private:
    void sample();

    std::string path_;
    std::atomic<bool> stop_{false};
    std::atomic<int> samples_{0};
    mutable std::mutex mutex_;
    std::vector<std::string> refresh_tokens_;
    std::vector<std::string> problems_;
    std::thread thread_;
};

// Checks one snapshot of a codex-auth.json: "" when it is a whole sign-in file of ours,
// else what is wrong. `refresh_token` receives the stored refresh token.
std::string check_token_json(const std::string& text, std::string* refresh_token = nullptr);

}  // namespace klaude::stress
