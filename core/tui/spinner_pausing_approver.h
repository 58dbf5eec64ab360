// An approver that takes the spinner off the screen while the user is asked, so the prompt is
// never drawn over, and shows it again (clock restarted) once the answer is in. It wraps the
// approver that really asks.
#pragma once

#include "core/agent/tools/tool.h"
#include "core/tui/spinner.h"

namespace klaude::core::tui {

class SpinnerPausingApprover : public agent::Approver {
  public:
    // Both must outlive this approver.
    SpinnerPausingApprover(agent::Approver& inner, Spinner& spinner)
        : inner_(inner), spinner_(spinner) {}

    bool approve(const agent::ApprovalRequest& request) override {
        return decide(request).approved;
    }
    // The inner approver's decision whole: a denial's reason ("e") must reach the model.
    agent::ApprovalDecision decide(const agent::ApprovalRequest& request) override {
        const Spinner::Pause paused = spinner_.pause();
        return inner_.decide(request);
    }

  private:
    agent::Approver& inner_;
    Spinner& spinner_;
};

}  // namespace klaude::core::tui
