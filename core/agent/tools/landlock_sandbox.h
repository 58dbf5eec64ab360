// The shell sandbox: Linux Landlock rules that let a command write only under chosen
// directories while it keeps reading and executing everything. The ruleset is built in the
// parent (file descriptors, no allocation in the child); the child only calls
// restrict_current_process between fork and exec.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/agent/tools/policy.h"
#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

// The Landlock ABI version the kernel offers, 0 when it has none (kernel < 5.13, Landlock not
// in the active LSMs, or KLAUDE_DISABLE_LANDLOCK=1, which also lets tests take the fallback).
int landlock_abi_version();
inline bool landlock_available() {
    return landlock_abi_version() > 0;
}

// One plain sentence for the banner and /status about what confines shell commands, e.g.
// "sandbox workspace-write (Landlock v7): shell commands can write only under /src/proj and /tmp".
std::string sandbox_description(SandboxMode mode, const std::filesystem::path& cwd,
                                const std::filesystem::path& temp_dir);
// The same for the session `ctx` describes.
std::string sandbox_description(const ToolContext& ctx);

class LandlockRuleset {
  public:
    // A ruleset allowing writes under each of `writable_dirs` (missing ones are skipped) and to
    // the harmless device files (/dev/null, /dev/tty, …). nullopt with `error` if the kernel
    // refuses or has no Landlock.
    static std::optional<LandlockRuleset> create(
        const std::vector<std::filesystem::path>& writable_dirs, std::string* error);

    LandlockRuleset(LandlockRuleset&& other) noexcept;
    LandlockRuleset& operator=(LandlockRuleset&& other) noexcept;
    LandlockRuleset(const LandlockRuleset&) = delete;
    LandlockRuleset& operator=(const LandlockRuleset&) = delete;
    ~LandlockRuleset();

    int fd() const { return fd_; }

    // Async-signal-safe (for the child after fork): sets no_new_privs and enforces the ruleset
    // on the calling process and its future children. Returns 0 or an errno value.
    static int restrict_current_process(int ruleset_fd);

  private:
    explicit LandlockRuleset(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace klaude::core::agent
