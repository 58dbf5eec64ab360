// `glob`: file names matching a shell-style pattern such as "**/*.cpp".
#pragma once

#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

class GlobTool : public Tool {
  public:
    std::string name() const override { return "glob"; }
    std::string description() const override;
    std::vector<ParamSpec> parameters() const override;
    ToolKind kind() const override { return ToolKind::kReadOnly; }

  protected:
    ToolResult execute(const ToolArgs& args, ToolContext& ctx) override;
};

}  // namespace klaude::core::agent
