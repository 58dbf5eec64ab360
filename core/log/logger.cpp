#include "core/log/logger.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include "core/log/redact.h"

namespace klaude::core {

Logger& Logger::instance() {
    static Logger logger;
    return logger;
}

void Logger::set_level(klaude_log_level_t level) {
    std::lock_guard<std::mutex> lock(mutex_);
    level_ = level;
}

klaude_log_level_t Logger::level() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return level_;
}

void Logger::set_file(const std::string& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw std::runtime_error("cannot open log file " + path + ": " + std::strerror(errno));
    }
    std::FILE* file = ::fdopen(fd, "a");
    if (file == nullptr) {
        ::close(fd);
        throw std::runtime_error("cannot open log file " + path);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (file_ != nullptr) {
        std::fclose(file_);
    }
    file_ = file;
}

void Logger::log(klaude_log_level_t level, std::string_view source, std::string_view message) {
    if (!enabled(level)) {
        return;
    }
    const std::string clean = redact_secrets(message);
    std::lock_guard<std::mutex> lock(mutex_);
    std::FILE* out = file_ != nullptr ? file_ : stderr;
    if (file_ != nullptr) {
        char stamp[32];
        std::time_t now = std::time(nullptr);
        std::tm tm{};
        ::localtime_r(&now, &tm);
        std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
        std::fprintf(out, "%s ", stamp);
    }
    std::fprintf(out, "klaude: %s: [%.*s] %s\n", level_name(level), static_cast<int>(source.size()),
                 source.data(), clean.c_str());
    std::fflush(out);
}

std::optional<klaude_log_level_t> Logger::parse_level(std::string_view name) {
    if (name == "debug" || name == "trace")
        return KLAUDE_LOG_DEBUG;
    if (name == "info")
        return KLAUDE_LOG_INFO;
    if (name == "warning" || name == "warn")
        return KLAUDE_LOG_WARNING;
    if (name == "error")
        return KLAUDE_LOG_ERROR;
    return std::nullopt;
}

const char* Logger::level_name(klaude_log_level_t level) {
    switch (level) {
        case KLAUDE_LOG_DEBUG:
            return "debug";
        case KLAUDE_LOG_INFO:
            return "info";
        case KLAUDE_LOG_WARNING:
            return "warning";
        case KLAUDE_LOG_ERROR:
            return "error";
        case KLAUDE_LOG_MISBEHAVIOUR:
            return "plugin misbehaviour";
    }
    return "log";
}

}  // namespace klaude::core
