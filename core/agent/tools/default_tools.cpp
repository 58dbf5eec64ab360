#include "core/agent/tools/default_tools.h"

#include "core/agent/tools/apply_patch_tool.h"
#include "core/agent/tools/glob_tool.h"
#include "core/agent/tools/grep_tool.h"
#include "core/agent/tools/list_dir_tool.h"
#include "core/agent/tools/read_file_tool.h"
#include "core/agent/tools/shell_tool.h"
#include "core/agent/tools/write_file_tool.h"

namespace klaude::core::agent {

void add_default_tools(ToolRegistry& registry) {
    registry.add(std::make_unique<ShellTool>());
    registry.add(std::make_unique<ReadFileTool>());
    registry.add(std::make_unique<ListDirTool>());
    registry.add(std::make_unique<GrepTool>());
    registry.add(std::make_unique<GlobTool>());
    registry.add(std::make_unique<WriteFileTool>());
    registry.add(std::make_unique<ApplyPatchTool>());
}

}  // namespace klaude::core::agent
