#include "core/agent/tools/policy.h"

namespace klaude::core::agent {

bool needs_approval(ApprovalPolicy policy, ToolKind kind) {
    if (kind == ToolKind::kReadOnly) {
        return false;
    }
    switch (policy) {
        case ApprovalPolicy::kAsk:
            return true;
        case ApprovalPolicy::kAutoEdit:
            return kind == ToolKind::kRunsCommands;
        case ApprovalPolicy::kFullAuto:
            return false;
    }
    return true;  // unreachable; an unknown policy value asks rather than acts
}

std::optional<ApprovalPolicy> parse_approval_policy(std::string_view text) {
    if (text == "ask") {
        return ApprovalPolicy::kAsk;
    }
    if (text == "auto-edit") {
        return ApprovalPolicy::kAutoEdit;
    }
    if (text == "full-auto") {
        return ApprovalPolicy::kFullAuto;
    }
    return std::nullopt;
}

std::optional<SandboxMode> parse_sandbox_mode(std::string_view text) {
    if (text == "workspace-write") {
        return SandboxMode::kWorkspaceWrite;
    }
    if (text == "off") {
        return SandboxMode::kOff;
    }
    return std::nullopt;
}

std::string to_string(ApprovalPolicy policy) {
    switch (policy) {
        case ApprovalPolicy::kAsk:
            return "ask";
        case ApprovalPolicy::kAutoEdit:
            return "auto-edit";
        case ApprovalPolicy::kFullAuto:
            return "full-auto";
    }
    return "unknown";
}

std::string to_string(SandboxMode mode) {
    switch (mode) {
        case SandboxMode::kOff:
            return "off";
        case SandboxMode::kWorkspaceWrite:
            return "workspace-write";
    }
    return "unknown";
}

std::string to_string(ToolKind kind) {
    switch (kind) {
        case ToolKind::kReadOnly:
            return "read-only";
        case ToolKind::kEditsFiles:
            return "edits files";
        case ToolKind::kRunsCommands:
            return "runs commands";
    }
    return "unknown";
}

SandboxMode default_sandbox_for(ApprovalPolicy policy) {
    return policy == ApprovalPolicy::kAsk ? SandboxMode::kOff : SandboxMode::kWorkspaceWrite;
}

}  // namespace klaude::core::agent
