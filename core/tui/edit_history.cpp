#include "core/tui/edit_history.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "core/config/klaude_home.h"

namespace klaude::core::tui {

EditHistory::EditHistory(std::size_t max_entries) : history_(history_init()) {
    if (history_ == nullptr) {
        throw std::runtime_error("cannot set up the line history (out of memory)");
    }
    HistEvent event;
    history(history_, &event, H_SETSIZE, static_cast<int>(max_entries));
    history(history_, &event, H_SETUNIQUE, 1);
}

EditHistory::~EditHistory() {
    history_end(history_);
}

bool EditHistory::load(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::exists(file, error)) {
        return true;  // a first session has no history yet
    }
    HistEvent event;
    return history(history_, &event, H_LOAD, file.c_str()) >= 0;
}

void EditHistory::add(const std::string& entry) {
    if (entry.find_first_not_of(" \t\r\n") == std::string::npos) {
        return;
    }
    HistEvent event;
    history(history_, &event, H_ENTER, entry.c_str());
}

void EditHistory::save(const std::filesystem::path& file) const {
    // libedit writes the format; the bytes go to the file through the one atomic, private
    // writer of the klaude home (libedit's own H_SAVE would create it with the umask's mode).
    // H_SAVE_FP needs a real file (it fchmods it), so the text goes through an anonymous,
    // already-unlinked tmpfile().
    std::FILE* scratch = std::tmpfile();
    if (scratch == nullptr) {
        throw HomeError("cannot save the history to " + file.string() + ": no temporary file (" +
                        std::strerror(errno) + ")");
    }
    HistEvent event;
    const int saved = history(history_, &event, H_SAVE_FP, scratch);
    std::string content;
    if (saved >= 0 && std::fflush(scratch) == 0) {
        std::rewind(scratch);
        char buffer[4096];
        size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, scratch)) > 0) {
            content.append(buffer, n);
        }
    }
    const bool failed = saved < 0 || std::ferror(scratch) != 0;
    std::fclose(scratch);
    if (failed) {
        throw HomeError("cannot save the history to " + file.string());
    }
    write_private_file(file, content);
}

std::vector<std::string> EditHistory::entries() const {
    std::vector<std::string> result;
    HistEvent event;
    // H_LAST is the oldest entry; H_PREV walks towards the newest.
    for (int rc = history(history_, &event, H_LAST); rc >= 0;
         rc = history(history_, &event, H_PREV)) {
        result.emplace_back(event.str);
    }
    return result;
}

}  // namespace klaude::core::tui
