// The standard tool set of the agent.
#pragma once

#include "core/agent/tools/tool_registry.h"

namespace klaude::core::agent {

// Adds shell, read_file, list_dir, grep, glob, write_file and apply_patch.
void add_default_tools(ToolRegistry& registry);

}  // namespace klaude::core::agent
