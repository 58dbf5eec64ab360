// Depth-first walk of a directory tree for list_dir, grep and glob: entries in name order, no
// symlink followed (no loops, no escaping the tree), .git never entered.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

namespace klaude::core::agent {

struct WalkEntry {
    std::filesystem::path path;
    std::string relative;   // to the walk's root, '/'-separated
    std::size_t depth = 1;  // 1 for the root's own children
    bool is_dir = false;
    bool is_symlink = false;
};

enum class WalkStep { kContinue, kSkipChildren, kStop };

// Calls `visit` for every entry below `root` down to `max_depth` levels. Returns false if the
// walk stopped early (visit said kStop, or `cancel` was raised).
bool walk_tree(const std::filesystem::path& root, std::size_t max_depth,
               const std::function<WalkStep(const WalkEntry&)>& visit,
               const std::atomic<bool>* cancel = nullptr);

}  // namespace klaude::core::agent
