// `apply_patch`: edits files with a patch in the Codex `*** Begin Patch` format (see
// patch_parser.h). All or nothing: a patch that does not apply changes no file.
#pragma once

#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

class ApplyPatchTool : public Tool {
  public:
    std::string name() const override { return "apply_patch"; }
    std::string description() const override;
    std::vector<ParamSpec> parameters() const override;
    ToolKind kind() const override { return ToolKind::kEditsFiles; }

  protected:
    ToolResult execute(const ToolArgs& args, ToolContext& ctx) override;
    std::string call_subject(const ToolArgs& args) const override;
};

}  // namespace klaude::core::agent
