#include "core/plugin/plugin_trust.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace klaude::core {

namespace {

std::string octal(mode_t mode) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(mode & 07777));
    return buffer;
}

std::string user_name(uid_t uid) {
    struct passwd entry {};
    struct passwd* found = nullptr;
    char buffer[1024];
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found != nullptr) {
        return std::string(found->pw_name) + " (uid " + std::to_string(uid) + ")";
    }
    return "uid " + std::to_string(uid);
}

// `what` is "plugin file" or "plugin directory".
std::string check(const std::filesystem::path& path, const char* what) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return std::string(what) + " " + path.string() +
               " cannot be checked: " + std::strerror(errno);
    }
    const uid_t me = ::geteuid();
    if (st.st_uid != me && st.st_uid != 0) {
        return std::string(what) + " " + path.string() + " is owned by " + user_name(st.st_uid) +
               ", not by you or root: take ownership (chown) or pass --allow-insecure-plugins";
    }
    const bool group_may_write = (st.st_mode & S_IWGRP) != 0 && st.st_gid != ::getegid();
    if ((st.st_mode & S_IWOTH) != 0 || group_may_write) {
        return std::string(what) + " " + path.string() + " is writable by other users (mode " +
               octal(st.st_mode) + "): run 'chmod go-w " + path.string() +
               "' or pass --allow-insecure-plugins";
    }
    return {};
}

}  // namespace

std::string check_plugin_trust(const std::filesystem::path& file) {
    if (std::string reason = check(file, "plugin file"); !reason.empty()) {
        return reason;
    }
    return check(file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path(),
                 "plugin directory");
}

}  // namespace klaude::core
