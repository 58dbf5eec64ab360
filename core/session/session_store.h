// Saved conversations: one JSON Lines file per session under $KLAUDE_HOME/sessions/, a header
// line then one line per conversation item, appended as each item arrives so a crash loses at
// most the item in flight. Files are 0600 in a 0700 directory (they hold the user's code).
//
//   {"type":"session","version":1,"id":"…","created":"2026-11-26T11:20:00Z","cwd":"/src/x",
//    "provider":"openai","model":"gpt-5.1"}
//   {"type":"item","item":{…provider-neutral item…}}
//   {"type":"history","items":[…]}   the history was shortened: it replaces all items so far
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace klaude::core {

struct SessionInfo {
    std::string id;
    std::string created;  // ISO 8601 UTC
    std::string cwd;
    std::string provider;
    std::string model;  // the model spec the session was started with
    std::string first_prompt;
    std::filesystem::path file;
    int64_t modified = 0;  // epoch seconds, last append
};

struct LoadedSession {
    SessionInfo info;
    std::vector<std::string> items;  // each one JSON object text
};

class SessionWriter {
  public:
    // Starts a new session file. Throws std::runtime_error with the path on failure.
    static SessionWriter create(const std::filesystem::path& home, const SessionInfo& info);
    // Continues an existing one.
    static SessionWriter append_to(const std::filesystem::path& file);

    SessionWriter(SessionWriter&& other) noexcept;
    SessionWriter& operator=(SessionWriter&&) = delete;
    SessionWriter(const SessionWriter&) = delete;
    ~SessionWriter();

    // Appends one item line (write(2) of the whole line at once). Errors are logged, not
    // thrown: losing the transcript must not end the user's turn.
    void append_item(const std::string& item_json);
    // Records that the whole history is now `items` (after trimming or compaction).
    void append_history(const std::vector<std::string>& items);
    const std::filesystem::path& file() const { return file_; }

  private:
    SessionWriter(std::filesystem::path file, int fd) : file_(std::move(file)), fd_(fd) {}
    std::filesystem::path file_;
    int fd_ = -1;
};

std::filesystem::path sessions_dir(const std::filesystem::path& home);

// All sessions, newest (last modified) first. Unreadable files are skipped.
std::vector<SessionInfo> list_sessions(const std::filesystem::path& home);

// The newest session started in `cwd`.
std::optional<SessionInfo> last_session_in(const std::filesystem::path& home,
                                           const std::filesystem::path& cwd);

// Loads session `id` (a full id or a unique prefix). A torn last line is ignored. Throws
// std::runtime_error ("no session 'x'; see 'klaude sessions'").
LoadedSession load_session(const std::filesystem::path& home, const std::string& id);

}  // namespace klaude::core
