#include "core/agent/tools/shell_tool.h"

#include <optional>
#include <system_error>

#include "core/agent/tools/landlock_sandbox.h"
#include "core/agent/tools/shell_process.h"
#include "core/agent/tools/workspace_paths.h"

namespace klaude::core::agent {
namespace fs = std::filesystem;

namespace {

std::string seconds_text(std::chrono::milliseconds ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
    return buf;
}

}  // namespace

std::string ShellTool::description() const {
    return "Run a shell command with `bash -lc` in the working directory and return its exit "
           "code and combined stdout+stderr (long output keeps its start and end). Stdin is "
           "empty: do not start interactive programs. Prefer read_file, list_dir, grep and glob "
           "for looking at files, and apply_patch or write_file for editing them.";
}

std::vector<ParamSpec> ShellTool::parameters() const {
    return {
        {"command", ParamType::kString, "The command line, run as `bash -lc <command>`.", true},
        {"workdir", ParamType::kString,
         "Directory to run in, relative to the working directory (default: the working "
         "directory).",
         false},
        {"timeout_ms", ParamType::kInteger,
         "Kill the command after this many milliseconds (default 120000).", false},
    };
}

ToolResult ShellTool::execute(const ToolArgs& args, ToolContext& ctx) {
    std::string command = args.string_or("command", "");
    if (command.find_first_not_of(" \t\r\n") == std::string::npos) {
        return ToolResult::error("shell: the command is empty");
    }
    fs::path workdir = ctx.cwd;
    if (auto raw = args.string("workdir"); raw && !raw->empty()) {
        auto resolved = resolve_path(ctx, *raw, PathAccess::kRead);
        std::error_code ec;
        if (!resolved.ok() || !fs::is_directory(resolved.path, ec)) {
            return ToolResult::error("shell: workdir '" + *raw + "' is not a directory");
        }
        workdir = resolved.path;
    }
    auto timeout = ctx.limits.shell_timeout;
    if (auto ms = args.integer("timeout_ms"); ms && *ms > 0) {
        timeout = std::min(std::chrono::milliseconds(*ms), ctx.limits.shell_max_timeout);
    }

    ApprovalRequest request;
    request.summary = "run: " + command;
    request.command = command;
    if (workdir != ctx.cwd) {
        request.summary += "  (in " + display_path(ctx, workdir) + ")";
    }
    if (!approved(ctx, request)) {
        return ToolResult::denial();
    }

    // With Landlock the command may write only in the workspace and the temp dir. Without it
    // the sandbox cannot be had; the banner (sandbox_description) already says so plainly.
    std::optional<LandlockRuleset> ruleset;
    if (ctx.sandbox == SandboxMode::kWorkspaceWrite && landlock_available()) {
        std::string error;
        ruleset = LandlockRuleset::create({ctx.cwd, ctx.effective_temp_dir()}, &error);
        if (!ruleset) {
            return ToolResult::error("shell: cannot set up the sandbox (" + error +
                                     "); not running the command");
        }
    }

    ShellOptions options;
    options.cwd = workdir;
    options.timeout = timeout;
    options.output_cap = ctx.limits.shell_output_bytes;
    options.cancel = ctx.cancel;
    options.landlock_ruleset_fd = ruleset ? ruleset->fd() : -1;
    ShellOutcome outcome = run_shell_command(command, options);

    if (!outcome.spawn_error.empty()) {
        return ToolResult::error("shell: " + outcome.spawn_error);
    }
    ToolResult result;
    result.exit_code = outcome.exit_code;
    result.timed_out = outcome.timed_out;
    result.cancelled = outcome.cancelled;
    result.omitted_bytes = outcome.omitted_bytes;
    result.is_error = outcome.exit_code != 0 || outcome.timed_out || outcome.cancelled;

    std::string& out = result.output;
    if (outcome.timed_out) {
        out += "Timed out after " + seconds_text(timeout) + "; the command was killed.\n";
    } else if (outcome.cancelled) {
        out += "Cancelled by the user; the command was killed.\n";
    } else {
        out += "Exit code: " + std::to_string(outcome.exit_code) + "\n";
    }
    out += "Wall time: " + seconds_text(outcome.duration) + "\n";
    if (outcome.omitted_bytes > 0) {
        out += "Output: " + std::to_string(outcome.total_bytes) + " bytes, " +
               std::to_string(outcome.omitted_bytes) + " omitted from the middle\n";
    } else {
        out += "Output:\n";
    }
    out += outcome.output;
    result.command_output = std::move(outcome.output);
    return result;
}

}  // namespace klaude::core::agent
