#include "core/session/session_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <stdexcept>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/log/logger.h"

namespace klaude::core {

namespace fs = std::filesystem;

namespace {

std::string string_member(const rapidjson::Value& v, const char* key) {
    auto it = v.FindMember(key);
    return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// The text of a user message item, for listings.
std::string user_text(const rapidjson::Value& item) {
    if (string_member(item, "type") != "message" || string_member(item, "role") != "user") {
        return "";
    }
    auto content = item.FindMember("content");
    if (content == item.MemberEnd() || !content->value.IsArray()) {
        return "";
    }
    for (const auto& part : content->value.GetArray()) {
        if (part.IsObject() && string_member(part, "type") == "text") {
            return string_member(part, "text");
        }
    }
    return "";
}

void write_all(int fd, const std::string& line, const fs::path& file) {
    size_t done = 0;
    while (done < line.size()) {
        ssize_t n = ::write(fd, line.data() + done, line.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
        }
        done += static_cast<size_t>(n);
    }
}

std::string iso_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

// Reads a session file: its header and items. nullopt when the header is unusable.
std::optional<LoadedSession> read_session(const fs::path& file, bool with_items) {
    std::ifstream in(file);
    if (!in) {
        return std::nullopt;
    }
    LoadedSession session;
    std::string line;
    if (!std::getline(in, line)) {
        return std::nullopt;
    }
    rapidjson::Document header;
    if (header.Parse<rapidjson::kParseIterativeFlag>(line.c_str()).HasParseError() || !header.IsObject() ||
        string_member(header, "type") != "session") {
        return std::nullopt;
    }
    session.info.id = string_member(header, "id");
    session.info.created = string_member(header, "created");
    session.info.cwd = string_member(header, "cwd");
    session.info.provider = string_member(header, "provider");
    session.info.model = string_member(header, "model");
    session.info.file = file;
    std::error_code ec;
    auto mtime = fs::last_write_time(file, ec);
    if (!ec) {
        session.info.modified = std::chrono::duration_cast<std::chrono::seconds>(
                                    mtime - fs::file_time_type::clock::now() +
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
    }
    while (std::getline(in, line)) {
        rapidjson::Document entry;
        if (entry.Parse<rapidjson::kParseIterativeFlag>(line.c_str()).HasParseError() || !entry.IsObject()) {
            continue;  // a torn last line after a crash
        }
        if (string_member(entry, "type") == "history") {
            auto items = entry.FindMember("items");
            if (with_items && items != entry.MemberEnd() && items->value.IsArray()) {
                session.items.clear();
                for (const auto& value : items->value.GetArray()) {
                    rapidjson::StringBuffer buffer;
                    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
                    value.Accept(writer);
                    session.items.emplace_back(buffer.GetString(), buffer.GetSize());
                }
            }
            continue;
        }
        auto item = entry.FindMember("item");
        if (string_member(entry, "type") != "item" || item == entry.MemberEnd() ||
            !item->value.IsObject()) {
            continue;
        }
        if (session.info.first_prompt.empty()) {
            session.info.first_prompt = user_text(item->value);
        }
        if (!with_items) {
            if (!session.info.first_prompt.empty()) {
                break;
            }
            continue;
        }
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        item->value.Accept(writer);
        session.items.emplace_back(buffer.GetString(), buffer.GetSize());
    }
    return session;
}

}  // namespace

fs::path sessions_dir(const fs::path& home) {
    return home / "sessions";
}

SessionWriter SessionWriter::create(const fs::path& home, const SessionInfo& info) {
    const fs::path dir = sessions_dir(home);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw std::runtime_error("cannot create " + dir.string() + ": " + std::strerror(errno));
    }
    ::chmod(dir.c_str(), 0700);
    const fs::path file = dir / (info.id + ".jsonl");
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("type");
    w.String("session");
    w.Key("version");
    w.Int(1);
    for (const auto& [key, value] : {std::pair<const char*, std::string>{"id", info.id},
                                     {"created", info.created.empty() ? iso_now() : info.created},
                                     {"cwd", info.cwd},
                                     {"provider", info.provider},
                                     {"model", info.model}}) {
        w.Key(key);
        w.String(value.c_str());
    }
    w.EndObject();
    SessionWriter writer(file, fd);
    write_all(fd, std::string(buffer.GetString()) + "\n", file);
    return writer;
}

SessionWriter SessionWriter::append_to(const fs::path& file) {
    int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) {
        throw std::runtime_error("cannot open " + file.string() + ": " + std::strerror(errno));
    }
    return SessionWriter(file, fd);
}

SessionWriter::SessionWriter(SessionWriter&& other) noexcept
    : file_(std::move(other.file_)), fd_(other.fd_) {
    other.fd_ = -1;
}

SessionWriter::~SessionWriter() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

void SessionWriter::append_item(const std::string& item_json) {
    std::string line = "{\"type\":\"item\",\"item\":" + item_json + "}\n";
    try {
        write_all(fd_, line, file_);
    } catch (const std::exception& e) {
        log_warning(std::string("session not saved: ") + e.what());
    }
}

void SessionWriter::append_history(const std::vector<std::string>& items) {
    std::string line = "{\"type\":\"history\",\"items\":[";
    for (size_t i = 0; i < items.size(); ++i) {
        line += (i == 0 ? "" : ",") + items[i];
    }
    line += "]}\n";
    try {
        write_all(fd_, line, file_);
    } catch (const std::exception& e) {
        log_warning(std::string("session not saved: ") + e.what());
    }
}

std::vector<SessionInfo> list_sessions(const fs::path& home) {
    std::vector<SessionInfo> sessions;
    std::error_code ec;
    for (fs::directory_iterator it(sessions_dir(home), ec), end; !ec && it != end;
         it.increment(ec)) {
        if (it->path().extension() != ".jsonl") {
            continue;
        }
        if (auto session = read_session(it->path(), /*with_items=*/false)) {
            sessions.push_back(std::move(session->info));
        }
    }
    std::sort(sessions.begin(), sessions.end(), [](const SessionInfo& a, const SessionInfo& b) {
        return a.modified != b.modified ? a.modified > b.modified : a.created > b.created;
    });
    return sessions;
}

std::optional<SessionInfo> last_session_in(const fs::path& home, const fs::path& cwd) {
    for (SessionInfo& session : list_sessions(home)) {
        if (session.cwd == cwd.string()) {
            return std::move(session);
        }
    }
    return std::nullopt;
}

LoadedSession load_session(const fs::path& home, const std::string& id) {
    std::vector<SessionInfo> matches;
    for (SessionInfo& session : list_sessions(home)) {
        if (session.id == id) {
            matches = {std::move(session)};
            break;
        }
        if (!id.empty() && session.id.rfind(id, 0) == 0) {
            matches.push_back(std::move(session));
        }
    }
    if (matches.empty()) {
        throw std::runtime_error("no session '" + id + "'; see 'klaude sessions'");
    }
    if (matches.size() > 1) {
        throw std::runtime_error("session id '" + id + "' is ambiguous (" +
                                 std::to_string(matches.size()) + " sessions); give more of it");
    }
    auto session = read_session(matches.front().file, /*with_items=*/true);
    if (!session) {
        throw std::runtime_error("session file " + matches.front().file.string() +
                                 " is unreadable");
    }
    return std::move(*session);
}

}  // namespace klaude::core
