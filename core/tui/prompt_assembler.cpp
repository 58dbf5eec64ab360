#include "core/tui/prompt_assembler.h"

namespace klaude::core::tui {

namespace {

// Strips one trailing backslash (after trailing CR) and says whether there was one.
bool strip_continuation(std::string& line) {
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    if (!line.empty() && line.back() == '\\') {
        line.pop_back();
        return true;
    }
    return false;
}

}  // namespace

bool PromptAssembler::add(std::string_view text, bool more_input_waiting, bool literal) {
    if (literal) {
        lines_.emplace_back(text);
        return !more_input_waiting;
    }
    bool continues = false;
    size_t start = 0;
    for (;;) {
        const size_t newline = text.find('\n', start);
        std::string line(text.substr(
            start, newline == std::string_view::npos ? std::string_view::npos : newline - start));
        continues = strip_continuation(line);
        lines_.push_back(std::move(line));
        if (newline == std::string_view::npos) {
            break;
        }
        start = newline + 1;
        if (start == text.size()) {
            break;  // a trailing newline ends the text, it does not start an empty line
        }
    }
    return !(continues || more_input_waiting);
}

std::string PromptAssembler::take() {
    std::string prompt;
    for (size_t i = 0; i < lines_.size(); ++i) {
        prompt += (i == 0 ? "" : "\n") + lines_[i];
    }
    lines_.clear();
    return prompt;
}

std::string PromptAssembler::history_entry() const {
    std::string entry;
    for (size_t i = 0; i < lines_.size(); ++i) {
        entry += (i == 0 ? "" : "\\\n") + lines_[i];
    }
    return entry;
}

}  // namespace klaude::core::tui
