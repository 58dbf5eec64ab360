// Small helpers shared by the core/tui tests.
#pragma once

#include <cstdio>
#include <string>

#include "tests/support/temp_dir.h"

namespace klaude::core::tui::testing {

// A fresh directory under the temp dir, removed with everything in it.
using ScratchDir = klaude::testing::TempDir;

// Everything written to a tmpfile(), from the start.
inline std::string read_all(std::FILE* file) {
    std::fflush(file);
    std::rewind(file);
    std::string text;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
        text.append(buffer, n);
    }
    return text;
}

}  // namespace klaude::core::tui::testing
