#include "core/agent/tools/tool.h"

#include <cstdlib>
#include <exception>

#include "core/agent/tools/text_utils.h"

namespace klaude::core::agent {

ToolResult ToolResult::success(std::string text) {
    ToolResult r;
    r.output = std::move(text);
    return r;
}

ToolResult ToolResult::error(std::string text) {
    ToolResult r;
    r.output = std::move(text);
    r.is_error = true;
    return r;
}

ToolResult ToolResult::denial() {
    ToolResult r;
    r.output = "denied by user";
    r.is_error = true;
    r.denied = true;
    return r;
}

ToolContext ToolContext::in_directory(const std::filesystem::path& directory) {
    ToolContext ctx;
    ctx.cwd = std::filesystem::canonical(std::filesystem::absolute(directory));
    return ctx;
}

std::filesystem::path ToolContext::effective_temp_dir() const {
    if (!temp_dir.empty()) {
        return temp_dir;
    }
    const char* env = std::getenv("TMPDIR");
    if (env != nullptr && env[0] == '/') {
        return env;
    }
    return "/tmp";
}

std::string Tool::parameters_schema() const {
    return make_parameters_schema(parameters());
}

std::string Tool::summarize_call(std::string_view arguments_json) const {
    constexpr std::size_t kMaxChars = 80;
    auto args = ToolArgs::parse(arguments_json, parameters(), nullptr);
    std::string subject = args ? call_subject(*args) : std::string();
    // One line: the first line of a multi-line subject (a patch, a script), clipped.
    subject = subject.substr(0, subject.find('\n'));
    if (subject.size() > kMaxChars) {
        subject = subject.substr(0, utf8_floor(subject, kMaxChars)) + "…";
    }
    return subject.empty() ? name() : name() + " " + subject;
}

std::string Tool::call_subject(const ToolArgs& args) const {
    for (const auto& p : parameters()) {
        if (p.required && p.type == ParamType::kString) {
            return args.string_or(p.name, "");
        }
    }
    return {};
}

ToolResult Tool::run(std::string_view arguments_json, ToolContext& ctx) {
    std::string error;
    auto args = ToolArgs::parse(arguments_json, parameters(), &error);
    if (!args) {
        return ToolResult::error(name() + ": " + error);
    }
    if (ctx.cancelled()) {
        ToolResult r = ToolResult::error(name() + ": cancelled before it started");
        r.cancelled = true;
        return r;
    }
    // The model must get an answer whatever happens inside the tool.
    try {
        return execute(*args, ctx);
    } catch (const std::exception& e) {
        return ToolResult::error(name() + " failed: " + e.what());
    } catch (...) {
        return ToolResult::error(name() + " failed with an unknown error");
    }
}

bool Tool::approved(ToolContext& ctx, ApprovalRequest request) const {
    if (!needs_approval(ctx.approval, kind())) {
        return true;
    }
    if (ctx.approver == nullptr) {
        return false;
    }
    request.tool_name = name();
    request.kind = kind();
    ApprovalDecision decision = ctx.approver->decide(request);
    if (!decision.approved) {
        ctx.denial_feedback = std::move(decision.feedback);
    }
    return decision.approved;
}

}  // namespace klaude::core::agent
