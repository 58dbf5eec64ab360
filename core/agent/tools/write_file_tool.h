// `write_file`: creates or replaces a whole file (parent directories made as needed), after
// showing the change as a unified diff for approval.
#pragma once

#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

class WriteFileTool : public Tool {
  public:
    std::string name() const override { return "write_file"; }
    std::string description() const override;
    std::vector<ParamSpec> parameters() const override;
    ToolKind kind() const override { return ToolKind::kEditsFiles; }

  protected:
    ToolResult execute(const ToolArgs& args, ToolContext& ctx) override;
};

}  // namespace klaude::core::agent
