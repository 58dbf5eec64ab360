// What the stress tests share: the environment of a klaude run pointed at loopback servers,
// and checks on how a run ended.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>

#include "tests/core/support/run_klaude.h"

namespace klaude::stress {

// Variables a developer's shell may set that would send klaude elsewhere.
inline std::map<std::string, std::string> neutral_env(const std::string& home) {
    return {{"KLAUDE_HOME", home},
            {"KLAUDE_PLUGIN_PATH", ""},
            {"KLAUDE_LOG", ""},
            {"KLAUDE_MODEL", ""},
            {"HTTPS_PROXY", ""},
            {"HTTP_PROXY", ""},
            {"https_proxy", ""},
            {"http_proxy", ""},
            {"ALL_PROXY", ""},
            {"OPENAI_BASE_URL", ""},
            {"KLAUDE_CODEX_ISSUER", ""},
            {"KLAUDE_CODEX_BASE_URL", ""},
            {"CODEX_HOME", home + "/no-codex-cli"}};
}

// The `codex` provider pointed at a fake OAuth server and a fake Codex backend.
inline std::map<std::string, std::string> codex_env(const std::string& home,
                                                    const std::string& issuer,
                                                    const std::string& backend_url) {
    auto env = neutral_env(home);
    env["KLAUDE_CODEX_ISSUER"] = issuer;
    env["KLAUDE_CODEX_BASE_URL"] = backend_url;
    return env;
}

// The `openai` provider pointed at `base_url` (…/v1) with a test key.
inline std::map<std::string, std::string> openai_env(const std::string& home,
                                                     const std::string& base_url) {
    auto env = neutral_env(home);
    env["OPENAI_BASE_URL"] = base_url;
    env["OPENAI_API_KEY"] = "sk-stress-test-key-0123456789";
    return env;
}

// Poco reports a death by signal N as 256 + N; klaude's own failures are small exit codes.
inline bool died_of_signal(int exit_code) {
    return exit_code >= 128;
}

inline size_t line_count(const std::string& text) {
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// A failed run as the user must see it: a non-zero exit that is not a crash, exactly one
// line on stderr ("klaude: …"), within `bound`.
inline void expect_one_line_failure(const klaude::testing::ProcessResult& result,
                                    std::chrono::steady_clock::duration elapsed,
                                    std::chrono::seconds bound) {
    EXPECT_NE(result.exit_code, 0) << result.err;
    EXPECT_FALSE(died_of_signal(result.exit_code)) << "exit " << result.exit_code << result.err;
    EXPECT_EQ(line_count(result.err), 1u) << result.err;
    EXPECT_EQ(result.err.rfind("klaude: ", 0), 0u) << result.err;
    EXPECT_LT(elapsed, bound);
}

}  // namespace klaude::stress
