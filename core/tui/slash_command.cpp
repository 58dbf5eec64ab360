#include "core/tui/slash_command.h"

#include <cctype>

namespace klaude::core::tui {

namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

SlashKind kind_of(const std::string& name) {
    struct Entry {
        const char* name;
        SlashKind kind;
    };
    static const Entry kNames[] = {
        {"help", SlashKind::kHelp},       {"?", SlashKind::kHelp},
        {"model", SlashKind::kModel},     {"clear", SlashKind::kClear},
        {"new", SlashKind::kClear},       {"status", SlashKind::kStatus},
        {"compact", SlashKind::kCompact}, {"mcp", SlashKind::kMcp},
        {"quit", SlashKind::kQuit},       {"exit", SlashKind::kQuit},
        {"q", SlashKind::kQuit},          {"diff", SlashKind::kDiff},
    };
    for (const Entry& entry : kNames) {
        if (name == entry.name) {
            return entry.kind;
        }
    }
    return SlashKind::kUnknown;
}

}  // namespace

std::optional<SlashCommand> parse_slash_command(std::string_view line) {
    const std::string_view text = trim(line);
    if (text.size() < 2 || text[0] != '/') {
        return std::nullopt;
    }
    size_t end = 1;
    // "/?" is the one command that is not a word.
    if (text[1] == '?') {
        end = 2;
    } else {
        while (end < text.size() &&
               (std::isalpha(static_cast<unsigned char>(text[end])) != 0 || text[end] == '-')) {
            ++end;
        }
    }
    if (end == 1 || (end < text.size() && !is_space(text[end]))) {
        return std::nullopt;  // "//x", "/usr/bin", "/3": not a command word
    }
    SlashCommand command;
    command.name = std::string(text.substr(1, end - 1));
    for (char& c : command.name) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    command.argument = std::string(trim(text.substr(end)));
    command.kind = kind_of(command.name);
    return command;
}

std::string unescape_prompt(std::string_view line) {
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line.substr(first, 2) == "//") {
        return std::string(line.substr(0, first)) + std::string(line.substr(first + 1));
    }
    return std::string(line);
}

const std::vector<SlashHelp>& slash_help() {
    static const std::vector<SlashHelp> kHelp = {
        {"/help", "this list"},
        {"/model [NAME]", "show the model, or switch to NAME (a configured name or PROVIDER/ID)"},
        {"/clear", "start a new conversation (the model forgets this one)"},
        {"/status", "model, provider, login state, tokens used, approval and sandbox"},
        {"/compact", "summarise the conversation to save context"},
        {"/mcp", "the MCP servers of this session: state and tool count"},
        {"/diff",
         "what write_file and apply_patch changed this session (shell-made changes are not "
         "tracked)"},
        {"/quit", "leave (Ctrl-D on an empty prompt does the same)"},
    };
    return kHelp;
}

std::string slash_help_text() {
    size_t width = 0;
    for (const SlashHelp& help : slash_help()) {
        width = std::max(width, help.usage.size());
    }
    std::string text = "Commands:\n";
    for (const SlashHelp& help : slash_help()) {
        text += "  " + help.usage + std::string(width - help.usage.size() + 2, ' ') + help.summary +
                "\n";
    }
    text +=
        "Keys: Enter sends; a line ending in \\ continues on the next line; pasted lines stay "
        "one prompt.\n"
        "      Up/Down history, Ctrl-R search, Ctrl-A/E start/end, Ctrl-K/U/W kill.\n"
        "      Ctrl-C cancels a running turn (twice quits) or clears the line; Ctrl-D on an "
        "empty line quits.\n"
        "A prompt that starts with a slash word is sent as text when the slash is doubled: "
        "//help me.\n";
    return text;
}

std::string unknown_command_hint(const SlashCommand& command) {
    return "unknown command /" + command.name +
           "; /help lists the commands (start with // to "
           "send it as a prompt)";
}

}  // namespace klaude::core::tui
