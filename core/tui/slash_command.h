// Slash commands of the interactive session (/help, /model NAME, ...): recognising them in a
// typed line, and the table that /help prints.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace klaude::core::tui {

enum class SlashKind { kHelp, kModel, kClear, kStatus, kCompact, kMcp, kDiff, kQuit, kUnknown };

struct SlashCommand {
    SlashKind kind = SlashKind::kUnknown;
    std::string name;      // as typed, without the slash ("model")
    std::string argument;  // the rest of the line, trimmed ("gpt-5.1"); may be empty
};

// A line is a command when it starts with '/' followed by a word of letters (and '-'), then
// whitespace or the end: "/model gpt-5" is one, "/usr/bin is slow" is a prompt (the word has a
// second slash), and so is "//model" (a doubled slash sends the text starting with one slash,
// see unescape_prompt). Leading spaces before the slash are allowed.
std::optional<SlashCommand> parse_slash_command(std::string_view line);

// "//text" -> "/text": how a prompt that starts with a command-like word is still sent.
std::string unescape_prompt(std::string_view line);

struct SlashHelp {
    std::string usage;    // "/model [NAME]"
    std::string summary;  // one line
};
const std::vector<SlashHelp>& slash_help();

// The /help text: one aligned line per command, then the keys.
std::string slash_help_text();

// The line for an unknown command: "unknown command /foo; /help lists the commands".
std::string unknown_command_hint(const SlashCommand& command);

}  // namespace klaude::core::tui
