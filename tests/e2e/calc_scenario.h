// The agent scenario every protocol's end-to-end test runs (agent_e2e_test.cpp for Responses,
// chat_agent_e2e_test.cpp for Chat Completions): a git repository whose src/calc.py has two
// wrong operators, the patch that fixes both, and the tool-call arguments that ask for them.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "tests/e2e/e2e_test_support.h"
#include "tests/e2e/sse_script.h"

namespace klaude::testing {

inline constexpr const char* kCalcBefore =
    "def add(a, b):\n"
    "    return a - b\n"
    "\n"
    "\n"
    "def mul(a, b):\n"
    "    return a + b\n";

inline constexpr const char* kCalcAfter =
    "def add(a, b):\n"
    "    return a + b\n"
    "\n"
    "\n"
    "def mul(a, b):\n"
    "    return a * b\n";

inline constexpr const char* kCalcPatch =
    "*** Begin Patch\n"
    "*** Update File: src/calc.py\n"
    "@@ def add(a, b):\n"
    "-    return a - b\n"
    "+    return a + b\n"
    "@@ def mul(a, b):\n"
    "-    return a + b\n"
    "+    return a * b\n"
    "*** End Patch\n";

// Tool-call arguments with one string field: {"key":"value"}.
inline std::string args(const std::string& key, const std::string& value) {
    return "{" + json_quote(key) + ":" + json_quote(value) + "}";
}

// src/calc.py (kCalcBefore) and README.md, committed in a new repository at `repo`.
inline void make_calc_repo(const std::filesystem::path& repo) {
    write_text(repo / "src" / "calc.py", kCalcBefore);
    write_text(repo / "README.md", "# calc\n");
    const std::string git = "cd '" + repo.string() +
                            "' && git init -q && git add -A && git -c user.name=t "
                            "-c user.email=t@t commit -qm init";
    EXPECT_EQ(std::system(git.c_str()), 0);
}

// After the scenario's run (patch applied, then `printf 'ok\n' > done.txt`): exactly the
// expected tree, and nothing else changed.
inline void expect_calc_fixed(const std::filesystem::path& repo) {
    EXPECT_EQ(read_text(repo / "src" / "calc.py"), kCalcAfter);
    EXPECT_EQ(read_text(repo / "done.txt"), "ok\n");
    EXPECT_EQ(read_text(repo / "README.md"), "# calc\n");
    const std::string status_cmd = "cd '" + repo.string() +
                                   "' && test \"$(git status --porcelain | sort | tr '\\n' ' ')\" "
                                   "= ' M src/calc.py ?? done.txt '";
    EXPECT_EQ(std::system(status_cmd.c_str()), 0) << "unexpected files changed";
}

}  // namespace klaude::testing
