// The system prompt a turn sends as `instructions` (never as a user message): a concise
// coding-agent prompt with the working directory, OS and date, plus the project's AGENTS.md
// when present; or the contents of --instructions FILE instead.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace klaude::core {

// `replacement_file`: --instructions FILE (throws std::runtime_error when unreadable).
std::string build_instructions(const std::filesystem::path& working_dir,
                               const std::optional<std::filesystem::path>& replacement_file);

}  // namespace klaude::core
