// The agent tool tests use the shared scratch directory (tests/support/temp_dir.h).
#pragma once

#include "tests/support/temp_dir.h"

namespace klaude::core::agent::testing {

class TempDir : public klaude::testing::TempDir {
  public:
    TempDir() : klaude::testing::TempDir("klaude-tools") {}
};

}  // namespace klaude::core::agent::testing
