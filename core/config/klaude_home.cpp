#include "core/config/klaude_home.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <vector>

namespace klaude::core {

namespace fs = std::filesystem;

namespace {

constexpr mode_t kHomeMode = 0700;
constexpr mode_t kFileMode = 0600;

std::string errno_text(int err) {
    return std::generic_category().message(err);
}

std::string quoted(const fs::path& path) {
    return "'" + path.string() + "'";
}

// Closes a file descriptor on scope exit unless released.
class FdGuard {
  public:
    explicit FdGuard(int fd) : fd_(fd) {}
    ~FdGuard() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    FdGuard(const FdGuard&) = delete;
    FdGuard& operator=(const FdGuard&) = delete;
    int get() const { return fd_; }
    // Closes now and reports close()'s error: on some file systems a failed write shows only
    // there.
    int close_now() {
        const int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }

  private:
    int fd_;
};

// Writes all of `data`, retrying short writes and EINTR. Returns 0 or an errno value.
int write_all(int fd, std::string_view data) {
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    return 0;
}

// fsync of the directory makes the rename itself durable (POSIX leaves it in the directory's
// buffers otherwise). Some file systems refuse fsync on directories; that is not an error.
void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    ::fsync(fd);
    ::close(fd);
}

fs::path home_from_passwd() {
    const struct passwd* pw = ::getpwuid(::geteuid());
    if (pw != nullptr && pw->pw_dir != nullptr && pw->pw_dir[0] != '\0') {
        return pw->pw_dir;
    }
    return {};
}

}  // namespace

fs::path resolve_klaude_home() {
    if (const char* env = std::getenv("KLAUDE_HOME"); env != nullptr && env[0] != '\0') {
        std::error_code ec;
        fs::path home = fs::absolute(env, ec);
        if (ec) {
            throw HomeError("cannot resolve KLAUDE_HOME '" + std::string(env) +
                            "': " + ec.message() + "; set KLAUDE_HOME to an absolute path");
        }
        home = home.lexically_normal();
        // "/x/klaude/" -> "/x/klaude": plugins get this string and append to it.
        return home.has_filename() ? home : home.parent_path();
    }
    fs::path user_home;
    if (const char* env = std::getenv("HOME"); env != nullptr && env[0] != '\0') {
        user_home = env;
    } else {
        user_home = home_from_passwd();
    }
    if (user_home.empty()) {
        throw HomeError(
            "cannot find the klaude home: neither KLAUDE_HOME nor HOME is set; set KLAUDE_HOME "
            "to a directory klaude may use");
    }
    std::error_code ec;
    fs::path home = fs::absolute(user_home / ".klaude", ec);
    if (ec) {
        throw HomeError("cannot resolve the klaude home under " + quoted(user_home) + ": " +
                        ec.message() + "; set KLAUDE_HOME to an absolute path");
    }
    return home.lexically_normal();
}

void ensure_klaude_home(const fs::path& home) {
    struct stat st {};
    if (::stat(home.c_str(), &st) != 0) {
        if (errno != ENOENT) {
            throw HomeError("cannot access the klaude home " + quoted(home) + ": " +
                            errno_text(errno) + "; check its permissions or set KLAUDE_HOME");
        }
        std::error_code ec;
        if (home.has_parent_path()) {
            fs::create_directories(home.parent_path(), ec);
        }
        if (ec) {
            throw HomeError("cannot create the klaude home " + quoted(home) + ": " + ec.message() +
                            "; check permissions or set KLAUDE_HOME");
        }
        // mkdir applies the umask, which can only remove bits; chmod below settles the mode.
        if (::mkdir(home.c_str(), kHomeMode) != 0 && errno != EEXIST) {
            throw HomeError("cannot create the klaude home " + quoted(home) + ": " +
                            errno_text(errno) + "; check permissions or set KLAUDE_HOME");
        }
        if (::stat(home.c_str(), &st) != 0) {
            throw HomeError("cannot access the klaude home " + quoted(home) + ": " +
                            errno_text(errno) + "; check permissions or set KLAUDE_HOME");
        }
    }
    if (!S_ISDIR(st.st_mode)) {
        throw HomeError("the klaude home " + quoted(home) +
                        " exists but is not a directory; move it away or set KLAUDE_HOME");
    }
    if ((st.st_mode & 07777) != kHomeMode && ::chmod(home.c_str(), kHomeMode) != 0) {
        throw HomeError("cannot set mode 0700 on the klaude home " + quoted(home) + ": " +
                        errno_text(errno) + "; run 'chmod 700 " + home.string() + "'");
    }
}

fs::path open_klaude_home() {
    fs::path home = resolve_klaude_home();
    ensure_klaude_home(home);
    return home;
}

void write_private_file(const fs::path& path, std::string_view content) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    // mkstemp creates the file 0600 with O_EXCL; the name starts with '.' so a directory
    // listing does not show it during its short life.
    std::string tmpl = (dir / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    FdGuard fd(::mkstemp(name.data()));
    if (fd.get() < 0) {
        throw HomeError("cannot write " + quoted(path) + ": creating a temporary file in " +
                        quoted(dir) + " failed: " + errno_text(errno) +
                        "; check that the directory exists and is writable");
    }
    const fs::path tmp(name.data());
    auto fail = [&](const std::string& step, int err) {
        ::unlink(tmp.c_str());
        throw HomeError("cannot write " + quoted(path) + ": " + step + " failed: " +
                        errno_text(err) + "; check free space and permissions of " + quoted(dir));
    };
    // Explicitly, whatever the umask: the file may hold secrets.
    if (::fchmod(fd.get(), kFileMode) != 0) {
        fail("chmod", errno);
    }
    if (const int err = write_all(fd.get(), content); err != 0) {
        fail("write", err);
    }
    if (::fsync(fd.get()) != 0) {
        fail("fsync", errno);
    }
    if (fd.close_now() != 0) {
        fail("close", errno);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        fail("rename", errno);
    }
    sync_directory(dir);
}

}  // namespace klaude::core
