// The interactive session's approval prompt: what a tool is about to do (a coloured diff, the
// command, or an MCP tool's arguments), then one key: y yes, a yes and don't ask again for the
// same kind of request (approval_memory.h), n no, e no and tell the model why. The choice is
// echoed. With stdin not a terminal it behaves exactly as exec's TerminalApprover.
#pragma once

#include <functional>
#include <string>

#include "core/agent/tools/tool.h"
#include "core/cli/terminal_approver.h"
#include "core/host/host_services.h"
#include "core/tui/approval_memory.h"
#include "core/tui/line_reader.h"
#include "core/tui/screen.h"

namespace klaude::core::tui {

// The request as the prompt shows it, every row ending in '\n': the summary in bold (left out
// when it only repeats the command), then the diff (cut to `max_diff_rows`), "  $ command" with
// the command bold, or "  arguments: {...}".
std::string render_approval_request(const agent::ApprovalRequest& request, const Theme& theme,
                                    bool unicode, std::size_t max_diff_rows);

// "Allow?  y yes · a yes, don't ask again for <scope> · n no · e no, and say why ",
// without a newline (the answer is echoed on the next row).
std::string render_approval_question(const std::string& scope, const Theme& theme, bool unicode);

class TuiApprover : public agent::Approver {
  public:
    // Draws on `screen`, reads the reason for "e" with `reader`; `host` is for the non-terminal
    // fallback. All must outlive the approver.
    TuiApprover(Screen& screen, LineReader& reader, HostServices& host);

    bool approve(const agent::ApprovalRequest& request) override {
        return decide(request).approved;
    }
    // [tool thread] Blocks for the user's key; Ctrl-C answers no (and the turn is cancelled).
    agent::ApprovalDecision decide(const agent::ApprovalRequest& request) override;

  private:
    agent::ApprovalDecision ask(const agent::ApprovalRequest& request);
    std::string read_reason();
    void echo(const std::string& text);

    Screen& screen_;
    LineReader& reader_;
    TerminalApprover fallback_;
    ApprovalMemory memory_;
};

}  // namespace klaude::core::tui
