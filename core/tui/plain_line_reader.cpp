#include "core/tui/plain_line_reader.h"

#include "core/host/interrupts.h"

namespace klaude::core::tui {

InputLine PlainLineReader::read(const std::string& prompt) {
    (void)prompt;  // nobody watches a pipe
    InputLine line;
    TerminalInput::Result result =
        input_.read_line(nullptr, std::chrono::milliseconds(0), /*secret=*/false);
    switch (result.status) {
        case KLAUDE_OK:
            line.status = InputLine::Status::kLine;
            line.text = std::move(result.line);
            break;
        case KLAUDE_ERROR_CANCELLED:
            line.status = InputLine::Status::kInterrupted;
            break;
        default:  // end of input, or a read error: nothing more will come
            line.status = InputLine::Status::kEnd;
            break;
    }
    return line;
}

}  // namespace klaude::core::tui
