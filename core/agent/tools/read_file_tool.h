// `read_file`: a text file's lines, numbered, from an optional offset.
#pragma once

#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

class ReadFileTool : public Tool {
  public:
    std::string name() const override { return "read_file"; }
    std::string description() const override;
    std::vector<ParamSpec> parameters() const override;
    ToolKind kind() const override { return ToolKind::kReadOnly; }

  protected:
    ToolResult execute(const ToolArgs& args, ToolContext& ctx) override;
};

}  // namespace klaude::core::agent
