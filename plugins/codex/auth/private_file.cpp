#include "plugins/codex/auth/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "klaude/sdk/error.hpp"
#include "plugins/codex/auth/base64url.h"
#include "plugins/codex/auth/pkce.h"

namespace klaude::codex {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int error) {
    throw sdk::Error(KLAUDE_ERROR_IO, "cannot " + what + " " + path + ": " + std::strerror(error));
}

// Closes a descriptor on every path out of a function.
class Fd {
  public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    int release() {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }

  private:
    int fd_;
};

void write_all(int fd, const std::string& content, const std::string& path) {
    size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("write", path, errno);
        }
        written += static_cast<size_t>(n);
    }
}

}  // namespace

std::string parent_directory(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    if (slash == std::string::npos) {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

void ensure_private_directory(const std::string& dir) {
    if (dir.empty()) {
        throw sdk::Error(KLAUDE_ERROR_IO, "no klaude home directory to store the sign-in in");
    }
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            throw sdk::Error(KLAUDE_ERROR_IO, dir + " exists but is not a directory");
        }
        if ((st.st_mode & 077) != 0 && ::chmod(dir.c_str(), 0700) != 0) {
            fail("restrict the permissions of", dir, errno);
        }
        return;
    }
    const std::string parent = parent_directory(dir);
    if (parent != dir && parent != "/" && parent != ".") {
        struct stat parent_st {};
        if (::stat(parent.c_str(), &parent_st) != 0) {
            ensure_private_directory(parent);
        }
    }
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        fail("create the directory", dir, errno);
    }
}

void write_private_file(const std::string& path, const std::string& content) {
    const std::string dir = parent_directory(path);
    // A unique name in the same directory, so rename() is atomic and never crosses devices.
    const std::string temp =
        path + ".tmp-" + std::to_string(::getpid()) + "-" + base64url_encode(random_bytes(6));
    Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.get() < 0) {
        fail("create", temp, errno);
    }
    try {
        // The umask may have removed bits, never added any; make the mode exact anyway.
        if (::fchmod(fd.get(), 0600) != 0) {
            fail("set the permissions of", temp, errno);
        }
        write_all(fd.get(), content, temp);
        if (::fsync(fd.get()) != 0) {
            fail("flush", temp, errno);
        }
        if (::close(fd.release()) != 0) {
            fail("close", temp, errno);
        }
        if (::rename(temp.c_str(), path.c_str()) != 0) {
            fail("replace", path, errno);
        }
    } catch (...) {
        ::unlink(temp.c_str());
        throw;
    }
    // Make the rename itself durable.
    Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() >= 0) {
        ::fsync(dir_fd.get());
    }
}

std::optional<std::string> read_file_if_exists(const std::string& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        fail("read", path, errno);
    }
    std::string content;
    char buffer[8192];
    for (;;) {
        ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("read", path, errno);
        }
        if (n == 0) {
            break;
        }
        content.append(buffer, static_cast<size_t>(n));
    }
    return content;
}

bool remove_file(const std::string& path) {
    if (::unlink(path.c_str()) == 0) {
        return true;
    }
    if (errno == ENOENT) {
        return false;
    }
    fail("delete", path, errno);
}

}  // namespace klaude::codex
