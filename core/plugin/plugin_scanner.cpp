#include "core/plugin/plugin_scanner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/config/klaude_home.h"
#include "core/host/host_services.h"
#include "core/log/logger.h"
#include "core/plugin/loaded_plugin.h"

extern char** environ;

namespace klaude::core {

namespace {

constexpr int kCacheVersion = 1;

std::string string_member(const rapidjson::Value& v, const char* key) {
    auto it = v.FindMember(key);
    return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

const char* kind_name(ScanVerdict::Kind kind) {
    switch (kind) {
        case ScanVerdict::Kind::kOk:
            return "ok";
        case ScanVerdict::Kind::kRejected:
            return "rejected";
        case ScanVerdict::Kind::kCrashed:
            return "crashed";
    }
    return "crashed";
}

std::optional<ScanVerdict::Kind> parse_kind(const std::string& name) {
    if (name == "ok")
        return ScanVerdict::Kind::kOk;
    if (name == "rejected")
        return ScanVerdict::Kind::kRejected;
    if (name == "crashed")
        return ScanVerdict::Kind::kCrashed;
    return std::nullopt;
}

std::string verdict_json(const ScanVerdict& verdict) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("verdict");
    w.String(kind_name(verdict.kind));
    w.Key("reason");
    w.String(verdict.reason.c_str());
    w.EndObject();
    return buffer.GetString();
}

}  // namespace

int run_plugin_scan(const std::filesystem::path& plugin, const std::string& home_dir) {
    ScanVerdict verdict;
    {
        HostServices::Options options;
        options.home_dir = home_dir;
        HostServices host(options);
        try {
            auto loaded = LoadedPlugin::load(plugin, host.host());
            loaded.reset();  // deinit and unload: a crash there counts too
        } catch (const PluginRejected& e) {
            verdict = {ScanVerdict::Kind::kRejected, e.what()};
        } catch (const std::exception& e) {
            verdict = {ScanVerdict::Kind::kRejected, std::string("cannot be loaded: ") + e.what()};
        }
    }
    std::cout << verdict_json(verdict) << std::endl;
    return 0;
}

ScanVerdict scan_in_child(const std::filesystem::path& scanner_exe,
                          const std::filesystem::path& plugin, const std::string& home_dir,
                          int timeout_ms) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        return {ScanVerdict::Kind::kRejected, "cannot scan: pipe failed"};
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    // The plugin's own chatter on stderr goes nowhere; the verdict says what matters.
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    // The child must not inherit the host's blocked SIGINT/SIGTERM mask: a hung scan is
    // killed with SIGKILL anyway, but Ctrl-C should reach it too.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t empty;
    sigemptyset(&empty);
    posix_spawnattr_setsigmask(&attributes, &empty);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);

    std::string exe = scanner_exe.string();
    std::string command = "__scan-plugin";
    std::string target = plugin.string();
    std::string home_option = "--scan-home=" + home_dir;
    char* argv[] = {exe.data(), command.data(), target.data(), home_option.data(), nullptr};
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, exe.c_str(), &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    ::close(out[1]);
    if (rc != 0) {
        ::close(out[0]);
        return {ScanVerdict::Kind::kRejected,
                std::string("cannot start the plugin scanner: ") + std::strerror(rc)};
    }

    std::string output;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    bool timed_out = false;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd pfd{out[0], POLLIN, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(left));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            continue;
        }
        char buffer[4096];
        const ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n <= 0) {
            break;  // EOF: the child exited (or closed stdout)
        }
        output.append(buffer, static_cast<size_t>(n));
    }
    ::close(out[0]);
    if (timed_out) {
        ::kill(pid, SIGKILL);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out) {
        return {ScanVerdict::Kind::kCrashed,
                "hung for " + std::to_string(timeout_ms / 1000) +
                    " s while being loaded in the plugin scanner; fix or remove it"};
    }
    if (WIFSIGNALED(status)) {
        const int signo = WTERMSIG(status);
        return {ScanVerdict::Kind::kCrashed,
                std::string("crashed the plugin scanner (") + ::strsignal(signo) + ", signal " +
                    std::to_string(signo) + ") while being loaded; fix or remove it"};
    }
    rapidjson::Document doc;
    const auto newline = output.find('\n');
    const std::string line = newline == std::string::npos ? output : output.substr(0, newline);
    if (doc.Parse(line.c_str()).HasParseError() || !doc.IsObject()) {
        return {ScanVerdict::Kind::kCrashed,
                "ended the plugin scanner without a verdict (exit code " +
                    std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                    "); fix or remove it"};
    }
    auto kind = parse_kind(string_member(doc, "verdict"));
    if (!kind) {
        return {ScanVerdict::Kind::kCrashed, "the plugin scanner gave no usable verdict"};
    }
    return {*kind, string_member(doc, "reason")};
}

ScanCache::ScanCache(std::filesystem::path file) : file_(std::move(file)) {
    std::ifstream in(file_);
    if (!in) {
        return;
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    rapidjson::Document doc;
    if (doc.Parse(text.c_str()).HasParseError() || !doc.IsObject()) {
        return;  // a damaged cache is only a cache: rescan
    }
    auto version = doc.FindMember("version");
    if (version == doc.MemberEnd() || !version->value.IsInt() ||
        version->value.GetInt() != kCacheVersion ||
        string_member(doc, "klaude") != KLAUDE_VERSION) {
        return;  // another klaude may judge plugins differently
    }
    auto entries = doc.FindMember("entries");
    if (entries == doc.MemberEnd() || !entries->value.IsArray()) {
        return;
    }
    for (const auto& e : entries->value.GetArray()) {
        if (!e.IsObject() || !e.HasMember("size") || !e["size"].IsUint64() ||
            !e.HasMember("mtime_ns") || !e["mtime_ns"].IsInt64()) {
            continue;
        }
        auto kind = parse_kind(string_member(e, "verdict"));
        if (!kind) {
            continue;
        }
        Entry entry;
        entry.size = e["size"].GetUint64();
        entry.mtime_ns = e["mtime_ns"].GetInt64();
        entry.verdict = {*kind, string_member(e, "reason")};
        entries_[string_member(e, "path")] = entry;
    }
}

std::optional<ScanCache::Entry> ScanCache::stat_entry(const std::filesystem::path& plugin) {
    struct stat st {};
    if (::stat(plugin.c_str(), &st) != 0) {
        return std::nullopt;
    }
    Entry entry;
    entry.size = static_cast<uint64_t>(st.st_size);
    entry.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    return entry;
}

std::optional<ScanVerdict> ScanCache::lookup(const std::filesystem::path& plugin) const {
    auto it = entries_.find(plugin.string());
    if (it == entries_.end()) {
        return std::nullopt;
    }
    auto now = stat_entry(plugin);
    if (!now || now->size != it->second.size || now->mtime_ns != it->second.mtime_ns) {
        return std::nullopt;  // changed since it was scanned
    }
    return it->second.verdict;
}

void ScanCache::store(const std::filesystem::path& plugin, const ScanVerdict& verdict) {
    auto entry = stat_entry(plugin);
    if (!entry) {
        return;
    }
    entry->verdict = verdict;
    entries_[plugin.string()] = *entry;
    dirty_ = true;
}

void ScanCache::save() {
    if (!dirty_) {
        return;
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("version");
    w.Int(kCacheVersion);
    w.Key("klaude");
    w.String(KLAUDE_VERSION);
    w.Key("entries");
    w.StartArray();
    for (const auto& [path, entry] : entries_) {
        w.StartObject();
        w.Key("path");
        w.String(path.c_str());
        w.Key("size");
        w.Uint64(entry.size);
        w.Key("mtime_ns");
        w.Int64(entry.mtime_ns);
        w.Key("verdict");
        w.String(kind_name(entry.verdict.kind));
        w.Key("reason");
        w.String(entry.verdict.reason.c_str());
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    try {
        write_private_file(file_, std::string(buffer.GetString(), buffer.GetSize()));
        dirty_ = false;
    } catch (const std::exception& e) {
        log_warning(std::string("plugin scan cache not saved: ") + e.what());
    }
}

}  // namespace klaude::core
