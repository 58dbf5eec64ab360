#include "core/agent/tools/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

namespace klaude::core::agent {
namespace fs = std::filesystem;

namespace {

std::string errno_text(int err) {
    return std::strerror(err);
}

bool write_all(int fd, const std::string& content) {
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

std::optional<std::string> read_text_file(const fs::path& path, std::string* error,
                                          std::size_t max_bytes) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        *error = "no such file: " + path.string();
        return std::nullopt;
    }
    if (fs::is_directory(status)) {
        *error = path.string() + " is a directory";
        return std::nullopt;
    }
    auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
        *error = path.string() + " is too large (" + std::to_string(size) + " bytes)";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *error = "cannot read " + path.string() + ": " + errno_text(errno);
        return std::nullopt;
    }
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return content;
}

std::string read_file_head(const fs::path& path, std::size_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    std::string buffer(max_bytes, '\0');
    in.read(buffer.data(), static_cast<std::streamsize>(max_bytes));
    buffer.resize(static_cast<std::size_t>(in.gcount()));
    return buffer;
}

fs::path write_temp_beside(const fs::path& path, const std::string& content, std::string* error) {
    std::string pattern =
        (path.parent_path() / ("." + path.filename().string() + ".klaude-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());
    if (fd < 0) {
        *error =
            "cannot create a file in " + path.parent_path().string() + ": " + errno_text(errno);
        return {};
    }
    fs::path temp(name.data());
    // Keep an existing file's permissions; a new file gets the usual 0666 minus umask.
    struct stat st {};
    mode_t mode = 0;
    if (::stat(path.c_str(), &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    bool ok = ::fchmod(fd, mode) == 0 && write_all(fd, content) && ::fsync(fd) == 0;
    int saved = errno;
    ::close(fd);
    if (!ok) {
        ::unlink(temp.c_str());
        *error = "cannot write " + path.string() + ": " + errno_text(saved);
        return {};
    }
    return temp;
}

bool commit_temp_file(const fs::path& temp, const fs::path& path, std::string* error) {
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        *error = "cannot replace " + path.string() + ": " + errno_text(errno);
        ::unlink(temp.c_str());
        return false;
    }
    return true;
}

void discard_temp_file(const fs::path& temp) {
    if (!temp.empty()) {
        ::unlink(temp.c_str());
    }
}

bool create_parent_dirs(const fs::path& path, std::vector<fs::path>* created, std::string* error) {
    std::vector<fs::path> missing;
    for (fs::path dir = path.parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
        std::error_code ec;
        auto status = fs::status(dir, ec);
        if (fs::is_directory(status)) {
            break;
        }
        if (fs::exists(status)) {
            *error = "cannot create " + path.string() + ": " + dir.string() + " is not a directory";
            return false;
        }
        missing.push_back(dir);
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        std::error_code ec;
        fs::create_directory(*it, ec);
        if (ec) {
            *error = "cannot create directory " + it->string() + ": " + ec.message();
            return false;
        }
        if (created != nullptr) {
            created->push_back(*it);
        }
    }
    return true;
}

bool write_file_atomically(const fs::path& path, const std::string& content, std::string* error) {
    if (!create_parent_dirs(path, nullptr, error)) {
        return false;
    }
    fs::path temp = write_temp_beside(path, content, error);
    if (temp.empty()) {
        return false;
    }
    return commit_temp_file(temp, path, error);
}

}  // namespace klaude::core::agent
