#include "core/agent/tools/tool_registry.h"

#include <algorithm>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::core::agent {

bool ToolRegistry::add(std::unique_ptr<Tool> tool) {
    if (!tool || find(tool->name()) != nullptr) {
        return false;
    }
    tools_.push_back(std::move(tool));
    return true;
}

std::size_t ToolRegistry::remove_if(const std::function<bool(const Tool&)>& doomed) {
    const auto gone =
        std::remove_if(tools_.begin(), tools_.end(),
                       [&doomed](const std::unique_ptr<Tool>& tool) { return doomed(*tool); });
    const auto removed = static_cast<std::size_t>(tools_.end() - gone);
    tools_.erase(gone, tools_.end());
    return removed;
}

Tool* ToolRegistry::find(std::string_view name) const {
    for (const auto& tool : tools_) {
        if (tool->name() == name) {
            return tool.get();
        }
    }
    return nullptr;
}

std::vector<std::string> ToolRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& tool : tools_) {
        out.push_back(tool->name());
    }
    return out;
}

std::string ToolRegistry::definitions_json() const {
    rapidjson::Document doc;
    doc.SetArray();
    auto& alloc = doc.GetAllocator();
    for (const auto& tool : tools_) {
        if (!tool->available()) {
            continue;
        }
        rapidjson::Value def(rapidjson::kObjectType);
        def.AddMember("name", rapidjson::Value(tool->name().c_str(), alloc), alloc);
        def.AddMember("description", rapidjson::Value(tool->description().c_str(), alloc), alloc);
        rapidjson::Document schema(&alloc);
        schema.Parse(tool->parameters_schema().c_str());
        rapidjson::Value parameters(rapidjson::kObjectType);
        if (!schema.HasParseError()) {
            parameters.CopyFrom(schema, alloc);
        }
        def.AddMember("parameters", parameters, alloc);
        doc.PushBack(def, alloc);
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc.Accept(writer);
    return buffer.GetString();
}

ToolResult ToolRegistry::dispatch(std::string_view name, std::string_view arguments_json,
                                  ToolContext& ctx) const {
    Tool* tool = find(name);
    if (tool == nullptr) {
        std::string available;
        for (const auto& n : names()) {
            available += available.empty() ? "" : ", ";
            available += n;
        }
        return ToolResult::error("unknown tool '" + std::string(name) +
                                 "'; available tools: " + (available.empty() ? "none" : available));
    }
    // One place for every tool's denial (edits, shell, MCP): the user's reason, when given,
    // replaces the bare "denied by user" so the model learns what to do instead.
    ctx.denial_feedback.clear();
    ToolResult result = tool->run(arguments_json, ctx);
    if (result.denied && !ctx.denial_feedback.empty()) {
        result.output = "denied by user: " + ctx.denial_feedback;
    }
    ctx.denial_feedback.clear();
    return result;
}

}  // namespace klaude::core::agent
