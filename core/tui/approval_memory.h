// "Yes, and don't ask again": what the interactive session remembers of an approval, for the
// rest of the process (it survives /clear; nothing is written to disk). The scope is kept narrow
// enough that a yes never covers something the user has not seen the like of:
//   shell  the same command prefix ("git status" covers "git status --short") for a few
//          well-known tools, else the exact command; any shell metacharacter makes it exact
//   edits  the same tool on the same files (a request is covered when all its files are)
//   other  (MCP tools) the same tool
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/agent/tools/tool.h"

namespace klaude::core::tui {

struct CommandKey {
    std::string text;     // "git status" for a prefix, else the whole command
    bool prefix = false;  // true: covers every command with these first two words
};

class ApprovalMemory {
  public:
    // Whitespace-normalised. A prefix when the first word is one of git, npm, pnpm, yarn,
    // cargo, go, make, cmake, ctest, pytest, docker, kubectl, mvn, gradle, dotnet or bundle and
    // a second word follows that is not an option; the exact command when it has any of
    // ; & | < > $ ( ) ` or a newline (one approval must not chain another command), and for
    // everything else (interpreters like python or bash run anything).
    static CommandKey command_key(std::string_view command);

    // How the prompt names what "a" would cover: "git status …", "this exact command",
    // "apply_patch on src/calc.py", "the tool mcp__docs__search".
    static std::string scope(const agent::ApprovalRequest& request, bool unicode);

    bool covers(const agent::ApprovalRequest& request) const;
    void remember(const agent::ApprovalRequest& request);

  private:
    static std::vector<std::string> keys_of(const agent::ApprovalRequest& request);
    std::set<std::string> keys_;
};

}  // namespace klaude::core::tui
