// The prompt history of the interactive session, kept by libedit's history functions (so the
// line editor's Up/Down and Ctrl-R search work on it) and persisted in $KLAUDE_HOME/history.
// The file uses libedit's own format (one vis(3)-encoded entry per line, so multi-line entries
// survive) and is written like every file in the klaude home: 0600, atomically.
#pragma once

#include <histedit.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace klaude::core::tui {

class EditHistory {
  public:
    explicit EditHistory(std::size_t max_entries = 1000);
    ~EditHistory();
    EditHistory(const EditHistory&) = delete;
    EditHistory& operator=(const EditHistory&) = delete;

    // Reads `file` when it exists. Returns false (and keeps what is loaded) when it exists but
    // cannot be read.
    bool load(const std::filesystem::path& file);
    // Adds an entry: empty ones and repeats of the newest are skipped.
    void add(const std::string& entry);
    // Replaces `file` with the whole history. Throws HomeError when it cannot.
    void save(const std::filesystem::path& file) const;

    std::vector<std::string> entries() const;  // oldest first
    History* raw() const { return history_; }

  private:
    History* history_;
};

}  // namespace klaude::core::tui
