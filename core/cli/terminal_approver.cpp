#include "core/cli/terminal_approver.h"

#include <unistd.h>

namespace klaude::core {

bool TerminalApprover::approve(const agent::ApprovalRequest& request) {
    if (::isatty(STDIN_FILENO) != 1) {
        host_.print("klaude: denied " + request.summary +
                    ": it needs approval and stdin is not a terminal (use --approval full-auto "
                    "or auto-edit to allow it)");
        return false;
    }
    std::string shown = "\n" + request.summary + "\n";
    if (!request.diff.empty()) {
        shown += request.diff;
    } else if (!request.command.empty()) {
        shown += "  $ " + request.command + "\n";
    } else if (!request.arguments.empty()) {
        shown += "  arguments: " + request.arguments + "\n";
    }
    host_.print(shown);
    klaude_ask_request_t ask{};
    ask.struct_size = sizeof ask;
    ask.prompt = "Allow? [y/N] ";
    std::string answer;
    if (host_.ask(ask, answer) != KLAUDE_OK) {
        return false;
    }
    return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace klaude::core
