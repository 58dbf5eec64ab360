// The set of tools offered to the model: their definitions for the request, and dispatch of
// the model's calls to them.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/agent/tools/tool.h"

namespace klaude::core::agent {

class ToolRegistry {
  public:
    // Adds a tool; false (and the tool is dropped) if one with that name is already present.
    bool add(std::unique_ptr<Tool> tool);
    // Removes every tool `doomed` says yes to (an MCP server's tools, before its new list is
    // added); the others keep their order. Returns how many went. Not while a call runs: a
    // removed tool is destroyed.
    std::size_t remove_if(const std::function<bool(const Tool&)>& doomed);
    Tool* find(std::string_view name) const;
    std::vector<std::string> names() const;  // in the order added
    bool empty() const { return tools_.empty(); }

    // The request's "tools" array of the available tools:
    // [{"name","description","parameters":{schema}}, ...] as described in klaude/abi/client.h.
    std::string definitions_json() const;

    // Runs one call of the model. An unknown tool, JSON that is not an object, wrong types or
    // missing arguments come back as error results naming the problem; the approval policy in
    // `ctx` applies (reads never ask; a denial answers "denied by user", or "denied by user:
    // <reason>" when the user gave one). Never throws.
    ToolResult dispatch(std::string_view name, std::string_view arguments_json,
                        ToolContext& ctx) const;

  private:
    std::vector<std::unique_ptr<Tool>> tools_;
};

}  // namespace klaude::core::agent
