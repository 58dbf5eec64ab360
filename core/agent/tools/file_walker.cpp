#include "core/agent/tools/file_walker.h"

#include <algorithm>
#include <system_error>
#include <vector>

namespace klaude::core::agent {
namespace fs = std::filesystem;

namespace {

bool walk_dir(const fs::path& dir, const std::string& prefix, std::size_t depth,
              std::size_t max_depth, const std::function<WalkStep(const WalkEntry&)>& visit,
              const std::atomic<bool>* cancel) {
    std::vector<WalkEntry> entries;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        WalkEntry e;
        e.path = it->path();
        std::string name = e.path.filename().string();
        e.relative = prefix.empty() ? name : prefix + "/" + name;
        e.depth = depth;
        std::error_code sec;
        e.is_symlink = it->is_symlink(sec);
        e.is_dir = !e.is_symlink && it->is_directory(sec);
        entries.push_back(std::move(e));
    }
    std::sort(entries.begin(), entries.end(),
              [](const WalkEntry& a, const WalkEntry& b) { return a.relative < b.relative; });
    for (const auto& e : entries) {
        if (cancel != nullptr && cancel->load()) {
            return false;
        }
        WalkStep step = visit(e);
        if (step == WalkStep::kStop) {
            return false;
        }
        if (e.is_dir && step == WalkStep::kContinue && depth < max_depth &&
            e.path.filename() != ".git") {
            if (!walk_dir(e.path, e.relative, depth + 1, max_depth, visit, cancel)) {
                return false;
            }
        }
    }
    return true;
}

}  // namespace

bool walk_tree(const fs::path& root, std::size_t max_depth,
               const std::function<WalkStep(const WalkEntry&)>& visit,
               const std::atomic<bool>* cancel) {
    return walk_dir(root, "", 1, max_depth, visit, cancel);
}

}  // namespace klaude::core::agent
