// Turns the lines the user enters into one prompt. A prompt spans several lines when a line
// ends with a backslash (the backslash is dropped), or when more input was already waiting as
// the line ended (a paste of several lines). Pure logic: the line readers decide what
// "waiting" means.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace klaude::core::tui {

class PromptAssembler {
  public:
    // Adds what one read returned. `text` may itself hold newlines (a multi-line entry recalled
    // from history is stored as lines joined by "\\\n", so it splits the same way). Returns
    // true when the prompt is complete. A `literal` line (pasted) keeps a final backslash.
    bool add(std::string_view text, bool more_input_waiting, bool literal = false);

    bool in_progress() const { return !lines_.empty(); }

    // The prompt (lines joined by '\n'); resets the assembler.
    std::string take();
    // How the prompt goes into the history: lines joined by "\\\n", so recalling it and
    // pressing Enter gives the same prompt back.
    std::string history_entry() const;

    void reset() { lines_.clear(); }

  private:
    std::vector<std::string> lines_;
};

}  // namespace klaude::core::tui
