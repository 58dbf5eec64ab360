#include "core/agent/tools/change_journal.h"

#include <system_error>

#include "core/agent/tools/file_io.h"
#include "core/agent/tools/text_utils.h"
#include "core/agent/tools/unified_diff.h"
#include "core/agent/tools/workspace_paths.h"

namespace klaude::core::agent {
namespace fs = std::filesystem;

namespace {

// The content of `path` now: nullopt when absent; `unreadable` when it is there but cannot be
// read as a whole (a directory, too big, no permission).
std::optional<std::string> content_now(const fs::path& path, bool* unreadable) {
    *unreadable = false;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec))) {
        return std::nullopt;
    }
    std::string error;
    auto text = read_text_file(path, &error);
    if (!text) {
        *unreadable = true;
        return std::nullopt;
    }
    return text;
}

std::string label_for(const fs::path& path, const fs::path& base) {
    if (!base.empty() && is_within(base, path)) {
        return path.lexically_relative(base).string();
    }
    return path.string();
}

bool binary(const std::optional<std::string>& text) {
    return text && looks_binary(std::string_view(*text).substr(0, 8192));
}

}  // namespace

void ChangeJournal::before_write(const fs::path& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const Entry& entry : entries_) {
        if (entry.path == path) {
            return;
        }
    }
    Entry entry;
    entry.path = path;
    entry.before = content_now(path, &entry.unreadable);
    entries_.push_back(std::move(entry));
}

bool ChangeJournal::empty() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.empty();
}

std::vector<FileChange> ChangeJournal::changes(const fs::path& base) const {
    std::vector<Entry> entries;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        entries = entries_;
    }
    std::vector<FileChange> out;
    for (const Entry& entry : entries) {
        bool unreadable_now = false;
        const std::optional<std::string> now = content_now(entry.path, &unreadable_now);
        if (!entry.unreadable && !unreadable_now && entry.before == now) {
            continue;
        }
        FileChange change;
        change.path = label_for(entry.path, base);
        const std::string old_label =
            entry.before || entry.unreadable ? "a/" + change.path : std::string("/dev/null");
        const std::string new_label =
            now || unreadable_now ? "b/" + change.path : std::string("/dev/null");
        if (entry.unreadable || unreadable_now || binary(entry.before) || binary(now)) {
            // No line diff for these; say what happened in the diff's own words.
            change.diff = "--- " + old_label + "\n+++ " + new_label +
                          "\nBinary or unreadable file " + change.path + " changed\n";
        } else {
            UnifiedDiff diff = make_unified_diff(entry.before.value_or(""), now.value_or(""),
                                                 old_label, new_label);
            // An empty file created or deleted has no lines to show: the header says it.
            change.diff = diff.text.empty() ? "--- " + old_label + "\n+++ " + new_label + "\n"
                                            : std::move(diff.text);
            change.added = diff.added;
            change.removed = diff.removed;
        }
        out.push_back(std::move(change));
    }
    return out;
}

}  // namespace klaude::core::agent
