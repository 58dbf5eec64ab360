// How `klaude exec` shows a streamed response. The output contract (docs/exec-json.md):
//  - text mode: stdout carries only the assistant's text; reasoning (dim), usage, warnings
//    and errors go to stderr. Output is flushed when the client says it delivered a network
//    read (KLAUDE_EVENT_FLUSH), not once per delta.
//  - JSON mode (--json): stdout carries only JSON Lines, one object per event; event types
//    are only ever added, never renamed.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/agent/agent_loop.h"
#include "klaude/abi/events.h"

namespace klaude::core {

// Tool calls are shown too: in text mode one line each on stderr (name, argument summary,
// result size); in JSON mode as tool.call / tool.result events.
class ExecOutput : public TurnObserver {
  public:
    virtual void session_started(const std::string& session_id, const std::string& provider,
                                 const std::string& model) = 0;
    void on_model_event(klaude_event_type_t type, std::string_view data) override {
        event(type, data);
    }
    virtual void event(klaude_event_type_t type, std::string_view data) = 0;
    // The turn ended with an error (already a one-line message). `status` is the klaude status
    // name; `code` says why in a word (the plugin's, or the host's own such as
    // "plugin_contract").
    virtual void failed(const std::string& status, const std::string& code,
                        const std::string& message) = 0;
    virtual void finish() = 0;  // flushes everything
};

// `tools` names the tools the run offers (for one-line call summaries); it must outlive the
// output.
std::unique_ptr<ExecOutput> make_text_output(std::FILE* out, std::FILE* err,
                                             const agent::ToolRegistry& tools);
std::unique_ptr<ExecOutput> make_json_output(std::FILE* out);

}  // namespace klaude::core
