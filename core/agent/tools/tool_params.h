// A tool's parameters, declared once: the same list produces the JSON schema sent to the model
// and validates the arguments the model sends back, so the two cannot drift apart.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace klaude::core::agent {

enum class ParamType { kString, kInteger, kBoolean };

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::kString;
    std::string description;
    bool required = true;
};

// The JSON schema for `params`, in the form OpenAI's strict function calling accepts: every
// property is listed in "required", optional ones admit null, and additionalProperties is false.
std::string make_parameters_schema(const std::vector<ParamSpec>& params);

// Arguments of one call, checked against the tool's ParamSpecs. An optional parameter that was
// omitted or sent as null is simply absent.
class ToolArgs {
  public:
    using Value = std::variant<std::string, std::int64_t, bool>;

    // Parses `json` (an object; empty text counts as {}) and checks names, types and required
    // parameters. On failure returns nullopt and sets `error` to one line saying what to fix.
    static std::optional<ToolArgs> parse(std::string_view json,
                                         const std::vector<ParamSpec>& params, std::string* error);

    bool has(const std::string& name) const { return values_.count(name) != 0; }
    std::optional<std::string> string(const std::string& name) const;
    std::optional<std::int64_t> integer(const std::string& name) const;
    std::optional<bool> boolean(const std::string& name) const;

    // Convenience for required strings (validated by parse, so empty only if the caller lied).
    std::string string_or(const std::string& name, std::string fallback) const;

    void set(const std::string& name, Value value) { values_[name] = std::move(value); }

  private:
    std::map<std::string, Value> values_;
};

}  // namespace klaude::core::agent
