// `grep`: regular-expression search through the files of a tree, in-process (no external grep).
#pragma once

#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

class GrepTool : public Tool {
  public:
    std::string name() const override { return "grep"; }
    std::string description() const override;
    std::vector<ParamSpec> parameters() const override;
    ToolKind kind() const override { return ToolKind::kReadOnly; }

  protected:
    ToolResult execute(const ToolArgs& args, ToolContext& ctx) override;
};

}  // namespace klaude::core::agent
