// An exclusive lock shared by every klaude process (and thread) that touches one sign-in.
//
// Refresh tokens are single-use and rotate: if two processes refreshed with the same one, the
// second would be refused (and the server may revoke the whole login). So each refresh runs
// under this lock and re-reads the token file after taking it. The lock is flock(2) on a
// sidecar file (`<token file>.lock`), not on the token file itself: the token file is
// replaced by rename at every save, and a lock on the old inode would protect nothing.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace klaude::codex {

class FileLock {
  public:
    // Blocks until the lock on `lock_path` (created 0600 if missing) is held. Throws
    // sdk::Error: KLAUDE_ERROR_TIMEOUT after `timeout`, KLAUDE_ERROR_CANCELLED when
    // `cancelled` says so, KLAUDE_ERROR_IO when the file cannot be opened.
    explicit FileLock(const std::string& lock_path,
                      std::chrono::milliseconds timeout = std::chrono::seconds(60),
                      const std::function<bool()>& cancelled = {});
    ~FileLock();  // releases
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

  private:
    int fd_ = -1;
};

}  // namespace klaude::codex
