#include "core/tui/approval_memory.h"

#include <algorithm>
#include <array>

namespace klaude::core::tui {

namespace {

constexpr std::array<std::string_view, 16> kPrefixTools = {
    "git",   "npm",    "pnpm",   "yarn",    "cargo", "go",     "make",   "cmake",
    "ctest", "pytest", "docker", "kubectl", "mvn",   "gradle", "dotnet", "bundle"};

constexpr std::string_view kMetacharacters = ";&|<>$()`\n";

std::vector<std::string> words_of(std::string_view command) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < command.size()) {
        while (i < command.size() &&
               (command[i] == ' ' || command[i] == '\t' || command[i] == '\r')) {
            ++i;
        }
        const std::size_t start = i;
        while (i < command.size() && command[i] != ' ' && command[i] != '\t' &&
               command[i] != '\r') {
            ++i;
        }
        if (i > start) {
            words.emplace_back(command.substr(start, i - start));
        }
    }
    return words;
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words) {
        out += out.empty() ? "" : " ";
        out += word;
    }
    return out;
}

bool is_command(const agent::ApprovalRequest& request) {
    return !request.command.empty();
}

}  // namespace

CommandKey ApprovalMemory::command_key(std::string_view command) {
    const std::vector<std::string> words = words_of(command);
    CommandKey key;
    key.text = joined(words);
    if (command.find_first_of(kMetacharacters) != std::string_view::npos) {
        // Exact, and exactly as typed: inside quotes whitespace is meaningful.
        const auto first = command.find_first_not_of(" \t\r\n");
        const auto last = command.find_last_not_of(" \t\r\n");
        key.text = first == std::string_view::npos
                       ? std::string()
                       : std::string(command.substr(first, last - first + 1));
        return key;
    }
    const bool known_tool = !words.empty() && std::find(kPrefixTools.begin(), kPrefixTools.end(),
                                                        words[0]) != kPrefixTools.end();
    if (known_tool && words.size() >= 2 && words[1][0] != '-') {
        key.text = words[0] + " " + words[1];
        key.prefix = true;
    }
    return key;
}

std::vector<std::string> ApprovalMemory::keys_of(const agent::ApprovalRequest& request) {
    // The tool's name leads every key, so a yes for one tool never covers another.
    // The parts are joined by a unit separator, which no name, command or path here holds.
    constexpr char kSeparator = '\x1f';
    const std::string tool = request.tool_name + kSeparator;
    if (is_command(request)) {
        const CommandKey key = command_key(request.command);
        return {tool + (key.prefix ? "prefix" : "exact") + kSeparator + key.text};
    }
    if (!request.paths.empty()) {
        std::vector<std::string> keys;
        for (const std::string& path : request.paths) {
            keys.push_back(tool + "path" + kSeparator + path);
        }
        return keys;
    }
    return {tool};
}

std::string ApprovalMemory::scope(const agent::ApprovalRequest& request, bool unicode) {
    if (is_command(request)) {
        const CommandKey key = command_key(request.command);
        return key.prefix ? key.text + (unicode ? " …" : " ...") : "this exact command";
    }
    if (!request.paths.empty()) {
        if (request.paths.size() > 3) {
            return request.tool_name + " on these " + std::to_string(request.paths.size()) +
                   " files";
        }
        std::string files;
        for (const std::string& path : request.paths) {
            files += files.empty() ? "" : ", ";
            files += path;
        }
        return request.tool_name + " on " + files;
    }
    return "the tool " + request.tool_name;
}

bool ApprovalMemory::covers(const agent::ApprovalRequest& request) const {
    const std::vector<std::string> keys = keys_of(request);
    return std::all_of(keys.begin(), keys.end(),
                       [this](const std::string& key) { return keys_.count(key) > 0; });
}

void ApprovalMemory::remember(const agent::ApprovalRequest& request) {
    for (std::string& key : keys_of(request)) {
        keys_.insert(std::move(key));
    }
}

}  // namespace klaude::core::tui
