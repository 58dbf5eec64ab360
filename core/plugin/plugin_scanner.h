// Plugins are first loaded in a throw-away child process (as GStreamer's plugin scanner does),
// so a plugin that crashes or hangs in its constructors or `init` cannot take the host down.
// The verdict is cached under $KLAUDE_HOME by path + size + mtime + klaude version, so a file
// is scanned once, not at every start.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace klaude::core {

struct ScanVerdict {
    enum class Kind { kOk, kRejected, kCrashed };
    Kind kind = Kind::kOk;
    std::string reason;  // for kRejected and kCrashed: one line
};

// Scans `plugin` by running `scanner_exe __scan-plugin <plugin>` (the klaude binary itself),
// waiting at most `timeout_ms`.
ScanVerdict scan_in_child(const std::filesystem::path& scanner_exe,
                          const std::filesystem::path& plugin, const std::string& home_dir,
                          int timeout_ms = 10000);

// The cache file: $KLAUDE_HOME/plugin-scan-cache.json (0600).
class ScanCache {
  public:
    explicit ScanCache(std::filesystem::path file);
    // The cached verdict for `plugin` as it is now on disk, if any.
    std::optional<ScanVerdict> lookup(const std::filesystem::path& plugin) const;
    void store(const std::filesystem::path& plugin, const ScanVerdict& verdict);
    // Writes the cache if it changed. Errors are logged, never thrown.
    void save();

  private:
    struct Entry {
        uint64_t size = 0;
        int64_t mtime_ns = 0;
        ScanVerdict verdict;
    };
    static std::optional<Entry> stat_entry(const std::filesystem::path& plugin);

    std::filesystem::path file_;
    std::map<std::string, Entry> entries_;
    bool dirty_ = false;
};

// The child side: loads `plugin` with a host, prints the verdict as one JSON line on stdout,
// returns the exit code. A crash here is what the parent detects.
int run_plugin_scan(const std::filesystem::path& plugin, const std::string& home_dir);

}  // namespace klaude::core
