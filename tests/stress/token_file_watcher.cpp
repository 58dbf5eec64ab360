#include "tests/stress/token_file_watcher.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <rapidjson/document.h>

namespace klaude::stress {

std::string check_token_json(const std::string& text, std::string* refresh_token) {
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        return "not a JSON object (" + std::to_string(text.size()) + " bytes)";
    }
    for (const char* field : {"auth_mode", "access_token", "refresh_token", "account_id"}) {
        if (!doc.HasMember(field) || !doc[field].IsString() || doc[field].GetStringLength() == 0) {
            return std::string("field ") + field + " missing or empty";
        }
    }
    if (refresh_token != nullptr) {
        *refresh_token = doc["refresh_token"].GetString();
    }
    return {};
}

TokenFileWatcher::TokenFileWatcher(std::string path) : path_(std::move(path)) {
    thread_ = std::thread([this] {
        while (!stop_.load()) {
            sample();
        }
    });
}

TokenFileWatcher::~TokenFileWatcher() {
    stop();
}

void TokenFileWatcher::stop() {
    stop_.store(true);
    if (thread_.joinable()) {
        thread_.join();
    }
}

void TokenFileWatcher::sample() {
    std::string problem;
    std::string refresh_token;
    // Mode and content from the same open file: a rename between a stat() and an open() would
    // compare two different files.
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        problem = std::string("cannot open: ") + std::strerror(errno);
    } else {
        struct stat st {};
        std::string text;
        if (::fstat(fd, &st) != 0) {
            problem = std::string("fstat: ") + std::strerror(errno);
        } else if ((st.st_mode & 07777) != 0600) {
            char mode[8];
            std::snprintf(mode, sizeof mode, "%o", st.st_mode & 07777);
            problem = std::string("mode ") + mode;
        } else {
            char buffer[4096];
            ssize_t n;
            while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
                text.append(buffer, static_cast<size_t>(n));
            }
            problem = check_token_json(text, &refresh_token);
        }
        ::close(fd);
    }
    ++samples_;
    std::lock_guard<std::mutex> lock(mutex_);
    if (!problem.empty()) {
        if (problems_.size() < 20) {
            problems_.push_back(problem);
        }
    } else if (std::find(refresh_tokens_.begin(), refresh_tokens_.end(), refresh_token) ==
               refresh_tokens_.end()) {
        refresh_tokens_.push_back(refresh_token);
    }
}

std::vector<std::string> TokenFileWatcher::refresh_tokens_seen() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return refresh_tokens_;
}

std::vector<std::string> TokenFileWatcher::problems() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return problems_;
}

}  // namespace klaude::stress
