// How klaude introduces itself to the Codex backend: the `originator`, `version` and
// `User-Agent` headers, in the form the Codex CLI sends them (golden capture:
// tests/plugins/codex/golden/). The backend gates models and features by client and version,
// so a request that looks like another client's can be refused; docs/codex.md says why klaude
// matches the reference client and how to change each value.
#pragma once

#include <string>

#include "plugins/codex/codex_settings.h"

namespace klaude::codex {

struct PlatformInfo {
    std::string os_name;     // "Debian"
    std::string os_version;  // "12.0.0"
    std::string arch;        // "x86_64"
    std::string terminal;    // "xterm", "iTerm.app/3.5.0", "unknown"
};

// This machine's platform, read the way the Codex CLI reads it: /etc/os-release (NAME's first
// word, VERSION_ID padded to three numbers), uname's machine, TERM_PROGRAM[/VERSION] else TERM.
PlatformInfo current_platform();

// "<originator>/<version> (<os> <os version>; <arch>) <terminal>", e.g.
// "codex_exec/0.171.0 (Debian 12.0.0; x86_64) xterm". Characters a header cannot carry are
// replaced.
std::string codex_user_agent(const std::string& originator, const std::string& version,
                             const PlatformInfo& platform);

// settings.user_agent when set, else codex_user_agent(...) for this machine.
std::string user_agent_for(const CodexSettings& settings);

}  // namespace klaude::codex
