// The three knobs that decide what a tool may do without asking: what kind of action a tool
// performs, the user's approval policy, and the shell sandbox mode.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace klaude::core::agent {

// What a tool does to the machine; the approval policy is keyed on this.
enum class ToolKind {
    kReadOnly,      // reads files or directories: never asks
    kEditsFiles,    // creates, changes or deletes files inside the working directory
    kRunsCommands,  // runs arbitrary commands: can do anything the user can
};

// --approval ask|auto-edit|full-auto
enum class ApprovalPolicy {
    kAsk,       // every edit and every command is shown and needs a yes
    kAutoEdit,  // edits run; commands ask
    kFullAuto,  // nothing asks
};

// --sandbox workspace-write|off
enum class SandboxMode {
    kOff,             // shell commands run unconfined
    kWorkspaceWrite,  // shell commands may write only under the working dir and temp dir
};

// True when `policy` requires the user's yes before a tool of `kind` acts.
bool needs_approval(ApprovalPolicy policy, ToolKind kind);

std::optional<ApprovalPolicy> parse_approval_policy(std::string_view text);
std::optional<SandboxMode> parse_sandbox_mode(std::string_view text);
std::string to_string(ApprovalPolicy policy);
std::string to_string(SandboxMode mode);
std::string to_string(ToolKind kind);

// The sandbox a policy implies when the user did not pass --sandbox: the unattended policies
// get the workspace sandbox, `ask` (which shows every command first) runs unconfined.
SandboxMode default_sandbox_for(ApprovalPolicy policy);

}  // namespace klaude::core::agent
