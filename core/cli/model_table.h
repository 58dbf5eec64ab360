// The plain-text tables `klaude list` and `klaude models` print.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/catalog/model_catalog.h"

namespace klaude::core {

// Rows with every column but the last padded to its widest cell, each line after `indent`.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                 const std::string& indent);

// "272k context", "" when unknown.
std::string context_text(uint64_t tokens);

// "reasoning low, medium*, high" (* = the default), "" when the catalog names no levels.
std::string reasoning_text(const CatalogModel& model);

}  // namespace klaude::core
