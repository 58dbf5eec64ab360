#include "core/cli/model_table.h"

#include <algorithm>

namespace klaude::core {

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                 const std::string& indent) {
    std::vector<size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const auto& row : rows) {
        std::string line = indent;
        for (size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) {
                line += std::string(widths[i] - row[i].size() + 2, ' ');
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out << line << "\n";
    }
}

std::string context_text(uint64_t tokens) {
    if (tokens == 0) {
        return "";
    }
    return tokens >= 1000 ? std::to_string(tokens / 1000) + "k context"
                          : std::to_string(tokens) + " context";
}

std::string reasoning_text(const CatalogModel& model) {
    if (model.reasoning_efforts.empty()) {
        return "";
    }
    std::string text = "reasoning ";
    for (size_t i = 0; i < model.reasoning_efforts.size(); ++i) {
        const std::string& effort = model.reasoning_efforts[i];
        text += (i == 0 ? "" : ", ") + effort +
                (effort == model.default_reasoning_effort ? "*" : "");
    }
    return text;
}

}  // namespace klaude::core
