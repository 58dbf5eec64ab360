// What the session's edit tools changed in the working tree, for the interactive /diff: before
// a tool writes a file for the first time it notes the file's content (or that there was none),
// and changes() compares those notes with the disk as it is now. Shell commands write behind
// the journal's back: their changes are not in it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace klaude::core::agent {

struct FileChange {
    std::string path;  // relative to the base given to changes() when inside it
    std::string diff;  // unified diff from the first-seen content to the disk now
    std::size_t added = 0;
    std::size_t removed = 0;
};

class ChangeJournal {
  public:
    // [thread-safe] Call before writing, moving or deleting `path` (absolute). Only the first
    // call for a path reads it: later writes keep the original as the "before".
    void before_write(const std::filesystem::path& path);

    // [thread-safe] Every noted file whose content now differs from its first-seen content, in
    // the order first noted; a file changed and changed back is left out.
    std::vector<FileChange> changes(const std::filesystem::path& base) const;

    // [thread-safe] True until a tool noted a file.
    bool empty() const;

  private:
    struct Entry {
        std::filesystem::path path;
        std::optional<std::string> before;  // nullopt: the file did not exist
        bool unreadable = false;            // it existed but could not be read (too big, ...)
    };
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
};

}  // namespace klaude::core::agent
