// `shell`: runs a command with `bash -lc` in the working directory.
#pragma once

#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

class ShellTool : public Tool {
  public:
    std::string name() const override { return "shell"; }
    std::string description() const override;
    std::vector<ParamSpec> parameters() const override;
    ToolKind kind() const override { return ToolKind::kRunsCommands; }

  protected:
    ToolResult execute(const ToolArgs& args, ToolContext& ctx) override;
};

}  // namespace klaude::core::agent
