// Reports files created in a directory as soon as the kernel does (inotify), so a test can act
// at a precise point of another process's work: SIGKILL a klaude the moment it creates the
// temporary file of a token write, i.e. between open() and rename().
#pragma once

#include <chrono>
#include <string>

namespace klaude::stress {

class FileCreationWatch {
  public:
    // Starts watching `dir` at once: files created after this are reported.
    explicit FileCreationWatch(const std::string& dir);
    ~FileCreationWatch();
    FileCreationWatch(const FileCreationWatch&) = delete;
    FileCreationWatch& operator=(const FileCreationWatch&) = delete;

    // The name of the next file created whose name starts with `prefix`; "" after `timeout`.
    std::string wait_for(const std::string& prefix, std::chrono::milliseconds timeout);

  private:
    int fd_ = -1;
};

}  // namespace klaude::stress
