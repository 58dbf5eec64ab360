#include "core/agent/instructions.h"

#include <sys/utsname.h>

#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace klaude::core {

namespace {

constexpr size_t kMaxAgentsFileBytes = 64 * 1024;

std::string read_file(const std::filesystem::path& path, size_t limit) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::string content(limit, '\0');
    in.read(content.data(), static_cast<std::streamsize>(limit));
    content.resize(static_cast<size_t>(in.gcount()));
    return content;
}

std::string os_name() {
    utsname info{};
    if (::uname(&info) != 0) {
        return "Linux";
    }
    return std::string(info.sysname) + " " + info.release + " " + info.machine;
}

std::string today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::localtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
    return buffer;
}

}  // namespace

std::string build_instructions(const std::filesystem::path& working_dir,
                               const std::optional<std::filesystem::path>& replacement_file) {
    if (replacement_file) {
        return read_file(*replacement_file, 1024 * 1024);
    }
    std::ostringstream prompt;
    prompt << "You are klaude, a coding agent running in the user's terminal. You help with "
              "software tasks in the working directory: read files, run commands and edit code "
              "with the tools you are given, then answer briefly.\n"
              "- Inspect before you change: read the relevant files first.\n"
              "- Make the smallest change that does the job; keep the project's style.\n"
              "- Prefer apply_patch for edits; run the project's tests when they exist.\n"
              "- Never invent file contents or command output; use the tools.\n"
              "- When done, say what you changed in a few lines.\n\n"
           << "Working directory: " << working_dir.string() << "\n"
           << "OS: " << os_name() << "\n"
           << "Date: " << today() << "\n";
    const auto agents = working_dir / "AGENTS.md";
    std::error_code ec;
    if (std::filesystem::is_regular_file(agents, ec)) {
        prompt << "\n# Project instructions (AGENTS.md)\n\n"
               << read_file(agents, kMaxAgentsFileBytes);
    }
    return prompt.str();
}

}  // namespace klaude::core
