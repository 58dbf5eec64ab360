// What "a" (yes, don't ask again) covers: command prefixes for well-known tools, the exact
// command otherwise and whenever a shell metacharacter could chain another command, the same
// files for edits, the same tool for MCP.
#include "core/tui/approval_memory.h"

#include <gtest/gtest.h>

namespace klaude::core::tui {
namespace {

agent::ApprovalRequest shell(const std::string& command) {
    agent::ApprovalRequest request;
    request.tool_name = "shell";
    request.kind = agent::ToolKind::kRunsCommands;
    request.command = command;
    return request;
}

agent::ApprovalRequest edit(const std::string& tool, std::vector<std::string> paths) {
    agent::ApprovalRequest request;
    request.tool_name = tool;
    request.kind = agent::ToolKind::kEditsFiles;
    request.diff = "--- a/x\n+++ b/x\n";
    request.paths = std::move(paths);
    return request;
}

TEST(ApprovalMemoryTest, KnownToolsAreRememberedByTheirFirstTwoWords) {
    EXPECT_EQ(ApprovalMemory::command_key("git status --short").text, "git status");
    EXPECT_TRUE(ApprovalMemory::command_key("git status --short").prefix);
    EXPECT_EQ(ApprovalMemory::command_key("  make\t  test  ").text, "make test");
    EXPECT_TRUE(ApprovalMemory::command_key("cargo test -p core").prefix);
}

TEST(ApprovalMemoryTest, MetacharactersMakeTheKeyExact) {
    for (const char* command :
         {"git status; rm -rf x", "git log | head", "make test && deploy", "git diff > out",
          "git show $(cat ref)", "git log `x`", "make test\nrm x", "git status &", "npm run <in"}) {
        const CommandKey key = ApprovalMemory::command_key(command);
        EXPECT_FALSE(key.prefix) << command;
        EXPECT_EQ(key.text, command) << command;
    }
}

TEST(ApprovalMemoryTest, InterpretersOptionsAndUnknownCommandsAreExact) {
    EXPECT_FALSE(ApprovalMemory::command_key("python3 script.py").prefix);
    EXPECT_FALSE(ApprovalMemory::command_key("bash -c 'anything'").prefix);
    EXPECT_FALSE(ApprovalMemory::command_key("git -C /elsewhere push").prefix);
    EXPECT_FALSE(ApprovalMemory::command_key("rm -rf build").prefix);
    EXPECT_FALSE(ApprovalMemory::command_key("make").prefix);
    EXPECT_EQ(ApprovalMemory::command_key("rm   -rf build").text, "rm -rf build");
}

TEST(ApprovalMemoryTest, APrefixCoversTheSameSubcommandOnly) {
    ApprovalMemory memory;
    EXPECT_FALSE(memory.covers(shell("git status")));
    memory.remember(shell("git status"));
    EXPECT_TRUE(memory.covers(shell("git status --short")));
    EXPECT_TRUE(memory.covers(shell("git  status")));
    EXPECT_FALSE(memory.covers(shell("git push")));
    EXPECT_FALSE(memory.covers(shell("git status; git push")));
}

TEST(ApprovalMemoryTest, AnExactCommandCoversOnlyItself) {
    ApprovalMemory memory;
    memory.remember(shell("printf 'check %d ok\\n' $(seq 1 12)"));
    EXPECT_TRUE(memory.covers(shell("printf 'check %d ok\\n' $(seq 1 12)")));
    EXPECT_FALSE(memory.covers(shell("printf 'check %d ok\\n' $(seq 1 13)")));
    memory.remember(shell("python3 run.py"));
    EXPECT_TRUE(memory.covers(shell("python3 run.py")));
    EXPECT_FALSE(memory.covers(shell("python3 run.py --delete")));
}

TEST(ApprovalMemoryTest, EditsAreCoveredWhenEveryFileIsForTheSameTool) {
    ApprovalMemory memory;
    memory.remember(edit("apply_patch", {"src/calc.py", "README.md"}));
    EXPECT_TRUE(memory.covers(edit("apply_patch", {"src/calc.py"})));
    EXPECT_TRUE(memory.covers(edit("apply_patch", {"README.md", "src/calc.py"})));
    EXPECT_FALSE(memory.covers(edit("apply_patch", {"src/calc.py", "setup.py"})));
    EXPECT_FALSE(memory.covers(edit("write_file", {"src/calc.py"})));
}

TEST(ApprovalMemoryTest, OtherToolsAreRememberedByName) {
    agent::ApprovalRequest search;
    search.tool_name = "mcp__docs__search";
    search.arguments = R"({"q":"x"})";
    agent::ApprovalRequest other = search;
    other.arguments = R"({"q":"y"})";
    ApprovalMemory memory;
    memory.remember(search);
    EXPECT_TRUE(memory.covers(other));
    other.tool_name = "mcp__docs__delete";
    EXPECT_FALSE(memory.covers(other));
    // A shell approval never covers a tool of another name with the same command.
    memory.remember(shell("git status"));
    agent::ApprovalRequest lookalike = shell("git status");
    lookalike.tool_name = "mcp__git__run";
    EXPECT_FALSE(memory.covers(lookalike));
}

TEST(ApprovalMemoryTest, TheScopeNamesWhatWouldBeRemembered) {
    EXPECT_EQ(ApprovalMemory::scope(shell("git status -s"), true), "git status …");
    EXPECT_EQ(ApprovalMemory::scope(shell("git status -s"), false), "git status ...");
    EXPECT_EQ(ApprovalMemory::scope(shell("ls | wc"), true), "this exact command");
    EXPECT_EQ(ApprovalMemory::scope(edit("apply_patch", {"a.py", "b.py"}), true),
              "apply_patch on a.py, b.py");
    EXPECT_EQ(ApprovalMemory::scope(edit("write_file", {"1", "2", "3", "4"}), true),
              "write_file on these 4 files");
    agent::ApprovalRequest mcp;
    mcp.tool_name = "mcp__docs__search";
    EXPECT_EQ(ApprovalMemory::scope(mcp, true), "the tool mcp__docs__search");
}

}  // namespace
}  // namespace klaude::core::tui
