// The approval prompt of the terminal front ends: shows what a tool is about to do (the
// command, or a unified diff) on stderr and asks for y. When stdin is not a terminal it never
// asks: the call is denied with a line saying why and what to do.
#pragma once

#include "core/agent/tools/tool.h"
#include "core/host/host_services.h"

namespace klaude::core {

class TerminalApprover : public agent::Approver {
  public:
    explicit TerminalApprover(HostServices& host) : host_(host) {}
    bool approve(const agent::ApprovalRequest& request) override;

  private:
    HostServices& host_;
};

}  // namespace klaude::core
