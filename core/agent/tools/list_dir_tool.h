// `list_dir`: a directory's entries as an indented tree, depth-limited, directories marked "/".
#pragma once

#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

class ListDirTool : public Tool {
  public:
    std::string name() const override { return "list_dir"; }
    std::string description() const override;
    std::vector<ParamSpec> parameters() const override;
    ToolKind kind() const override { return ToolKind::kReadOnly; }

  protected:
    ToolResult execute(const ToolArgs& args, ToolContext& ctx) override;
    std::string call_subject(const ToolArgs& args) const override;
};

}  // namespace klaude::core::agent
