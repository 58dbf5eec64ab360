// The host's log: levels, a sink (stderr or --log-file), and redaction of every line.
// Thread-safe. Plugins reach it through the host service `log`.
#pragma once

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "klaude/abi/host.h"

namespace klaude::core {

class Logger {
  public:
    static Logger& instance();

    // Messages below `level` are dropped. Default: warning (info with -v, debug with -vv).
    void set_level(klaude_log_level_t level);
    klaude_log_level_t level() const;
    // Appends to `path` (created 0600) instead of stderr. Throws on failure.
    void set_file(const std::string& path);

    void log(klaude_log_level_t level, std::string_view source, std::string_view message);
    bool enabled(klaude_log_level_t level) const { return level >= level_; }

    // "debug" | "info" | "warning"|"warn" | "error" -> level; nullopt when unknown.
    static std::optional<klaude_log_level_t> parse_level(std::string_view name);
    static const char* level_name(klaude_log_level_t level);

  private:
    Logger() = default;
    mutable std::mutex mutex_;
    klaude_log_level_t level_ = KLAUDE_LOG_WARNING;
    std::FILE* file_ = nullptr;  // nullptr: stderr
};

inline void log_debug(std::string_view m) {
    Logger::instance().log(KLAUDE_LOG_DEBUG, "klaude", m);
}
inline void log_info(std::string_view m) {
    Logger::instance().log(KLAUDE_LOG_INFO, "klaude", m);
}
inline void log_warning(std::string_view m) {
    Logger::instance().log(KLAUDE_LOG_WARNING, "klaude", m);
}

}  // namespace klaude::core
