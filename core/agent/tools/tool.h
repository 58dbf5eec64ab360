// The agent's tool interface: what a tool declares (name, description, parameters, kind), what
// it receives (ToolContext) and what it answers (ToolResult). The agent loop talks to tools only
// through this header and tool_registry.h.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/agent/tools/policy.h"
#include "core/agent/tools/tool_params.h"

namespace klaude::core::agent {

class ChangeJournal;

// One file an edit tool changed, for the front end's "+3 -1 src/calc.py" row.
struct FileEdit {
    std::string path;       // as shown to the user (relative to the working directory when inside)
    std::size_t added = 0;  // lines
    std::size_t removed = 0;  // lines
};

// What a tool call answers. `output` is the text the model sees as function_call_output.
// An image a tool returned (MCP image content): shown to a model that accepts images, as a
// user message after the tool outputs (agent_loop.cpp); a text placeholder otherwise.
struct ToolImage {
    std::string mime_type;  // "image/png"
    std::string base64;     // the data, base64 as the server sent it
};

struct ToolResult {
    std::string output;
    bool is_error = false;
    bool denied = false;            // the user said no; output is "denied by user"
    std::optional<int> exit_code;   // shell: the command's exit status (128+N for signal N)
    bool timed_out = false;         // shell: killed at the timeout
    bool cancelled = false;         // the cancellation flag was raised while it ran
    std::size_t omitted_bytes = 0;  // bytes of output dropped by a size cap
    std::vector<FileEdit> edits;    // write_file, apply_patch: the files changed
    // shell: the command's (capped) output alone, without the header lines `output` has for
    // the model, so a front end can show an excerpt of it.
    std::string command_output;
    std::vector<ToolImage> images;  // for a model that accepts images (output has a placeholder)

    static ToolResult success(std::string text);
    static ToolResult error(std::string text);
    static ToolResult denial();
};

// What the user is asked to approve. For edits `diff` carries a unified diff; for shell commands
// `command` carries the exact command line.
struct ApprovalRequest {
    std::string tool_name;
    ToolKind kind = ToolKind::kReadOnly;
    std::string summary;  // one line: "edit src/a.cpp (+3 -1)", "run: make test"
    std::string diff;
    std::string command;
    std::string arguments;  // MCP tools: the call's arguments as JSON
    // Edits: every file the action writes, as shown to the user (what "don't ask again for
    // these files" remembers).
    std::vector<std::string> paths;
};

// The user's answer. `feedback` (only with a no) is why, in the user's words: the model gets
// it as the tool's result ("denied by user: <feedback>"), so it can change course.
struct ApprovalDecision {
    bool approved = false;
    std::string feedback;
};

// The front end's prompt. Called on the thread that runs the tool; may block for the user.
class Approver {
  public:
    virtual ~Approver() = default;
    virtual bool approve(const ApprovalRequest& request) = 0;
    // What the tools call. Approvers that can take a reason override it; the others answer
    // through approve() unchanged.
    virtual ApprovalDecision decide(const ApprovalRequest& request) {
        return {approve(request), {}};
    }
};

// How far a running tool has got, as it says (an MCP server's notifications/progress).
struct ToolProgress {
    double progress = 0;          // grows with every report
    std::optional<double> total;  // when the tool knows where it ends
    std::string message;          // may be empty; the tool's words, not sanitized
};

// Caps and timeouts; defaults suit a model's context window.
struct ToolLimits {
    std::chrono::milliseconds shell_timeout{120'000};
    std::chrono::milliseconds shell_max_timeout{600'000};  // a model may ask for up to this
    std::size_t shell_output_bytes = 32 * 1024;            // head + tail kept, the middle dropped
    std::size_t mcp_output_bytes = 32 * 1024;              // an MCP tool's result, likewise
    std::size_t read_output_bytes = 64 * 1024;
    std::size_t read_default_lines = 2000;
    std::size_t max_line_chars = 2000;  // longer lines are cut (minified files)
    std::size_t search_max_results = 200;
    std::size_t search_max_file_bytes = 8 * 1024 * 1024;
    std::size_t list_max_entries = 1000;
    std::size_t list_max_depth = 5;
};

// Everything a tool may rely on about the session it runs in.
struct ToolContext {
    std::filesystem::path cwd;       // absolute and canonical (see in_directory)
    bool allow_outside_cwd = false;  // --allow-outside-cwd: writes may leave cwd
    Approver* approver = nullptr;    // null: anything that needs approval is denied
    ApprovalPolicy approval = ApprovalPolicy::kAsk;
    SandboxMode sandbox = SandboxMode::kOff;
    std::filesystem::path temp_dir;  // writable under the sandbox; empty: $TMPDIR or /tmp
    const std::atomic<bool>* cancel = nullptr;  // raised by the front end (Ctrl-C)
    ToolLimits limits;
    ChangeJournal* journal = nullptr;  // edit tools note each file before its first write
    // [thread-safe: called on a tool's own thread (an MCP transport's reader) while the tool
    // runs, never after it returned] How far the running tool has got; empty: nobody shows it
    // (exec). The interactive session puts it in the spinner's row.
    std::function<void(const ToolProgress&)> on_progress;
    // The reason the user gave with the last denial (set by Tool::approved, turned into the
    // result's output by ToolRegistry::dispatch).
    std::string denial_feedback;

    // A context for `directory` (made absolute and canonical; throws filesystem_error if it
    // does not exist).
    static ToolContext in_directory(const std::filesystem::path& directory);

    bool cancelled() const { return cancel != nullptr && cancel->load(); }
    std::filesystem::path effective_temp_dir() const;
};

class Tool {
  public:
    virtual ~Tool() = default;

    virtual std::string name() const = 0;
    virtual std::string description() const = 0;
    virtual std::vector<ParamSpec> parameters() const = 0;
    virtual ToolKind kind() const = 0;

    // JSON schema text of the parameters (strict-mode friendly). Tools whose schema comes
    // from elsewhere (MCP) override it.
    virtual std::string parameters_schema() const;

    // False while the tool cannot run (its MCP server failed): it is left out of the tool
    // definitions sent to the model.
    virtual bool available() const { return true; }

    // One short line for showing a call compactly ("read_file src/a.cpp", "shell: make"),
    // from the raw arguments; falls back to the tool name when they do not parse.
    std::string summarize_call(std::string_view arguments_json) const;

    // Validates the arguments against parameters(), then executes. Never throws: bad
    // arguments and unexpected failures come back as error results. Tools that take
    // arguments by a schema of their own (MCP) override it, with the same promises.
    virtual ToolResult run(std::string_view arguments_json, ToolContext& ctx);

  protected:
    virtual ToolResult execute(const ToolArgs& args, ToolContext& ctx) = 0;

    // The argument that identifies a call best (default: the first required string argument).
    virtual std::string call_subject(const ToolArgs& args) const;

    // Applies the approval policy to an action of this tool: true when the policy lets it run
    // unasked or the approver said yes. Tools with side effects call this after computing
    // what they would do (so the user sees the real diff) and before doing it. A reason given
    // with a no is kept in ctx.denial_feedback.
    bool approved(ToolContext& ctx, ApprovalRequest request) const;
};

}  // namespace klaude::core::agent
