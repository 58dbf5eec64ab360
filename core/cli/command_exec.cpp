// `klaude exec [options] [PROMPT|-]`: runs the agent on one prompt, unattended: tools run
// under --approval (default auto-edit here; nothing is asked when stdin is not a terminal),
// the answer is streamed to stdout (see exec_output.h for the output contract).
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <iterator>

#include "core/cli/agent_session.h"
#include "core/cli/command.h"
#include "core/cli/exec_output.h"
#include "core/host/interrupts.h"

namespace klaude::core {

namespace {

std::string read_prompt(const ParsedArgs& args) {
    const auto& positionals = args.positionals();
    if (positionals.size() > 1) {
        throw UsageError("exec takes one prompt; quote it: klaude exec \"...\"");
    }
    const bool from_stdin = (positionals.empty() && ::isatty(STDIN_FILENO) == 0) ||
                            (!positionals.empty() && positionals.front() == "-");
    if (!from_stdin) {
        if (positionals.empty()) {
            throw UsageError("exec needs a prompt (an argument, or '-' to read stdin)");
        }
        return positionals.front();
    }
    std::string prompt((std::istreambuf_iterator<char>(std::cin)),
                       std::istreambuf_iterator<char>());
    if (prompt.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw UsageError("the prompt read from stdin is empty");
    }
    return prompt;
}

int run_exec(App& app, const ParsedArgs& args) {
    const std::string prompt = read_prompt(args);
    AgentSession session(app, args, agent::ApprovalPolicy::kAutoEdit);

    std::unique_ptr<ExecOutput> output = args.has("json")
                                             ? make_json_output(stdout)
                                             : make_text_output(stdout, stderr, session.tools());
    const ResolvedModel& model = session.model();
    output->session_started(session.session_id(), model.provider.id, model.model.model_id);

    TurnResult result;
    try {
        result = session.run_turn(prompt, *output);
    } catch (const PluginError& e) {
        const std::string status = klaude_status_name(e.status());
        output->failed(status, e.code().empty() ? status : e.code(), e.what());
        output->finish();
        if (e.status() == KLAUDE_ERROR_CANCELLED || Interrupts::instance().requested()) {
            std::cerr << "klaude: cancelled\n";
            return 130;
        }
        throw;
    }
    output->finish();
    switch (result.outcome) {
        case TurnResult::Outcome::kCompleted:
            return kExitOk;
        case TurnResult::Outcome::kCancelled:
            std::cerr << "klaude: cancelled\n";
            return 130;
        case TurnResult::Outcome::kMaxSteps:
            std::cerr << "klaude: stopped after " << result.model_calls
                      << " model calls (--max-turns); the task may be unfinished. Continue "
                         "with 'klaude exec --continue ...' or raise --max-turns.\n";
            return kExitFailure;
    }
    return kExitFailure;
}

}  // namespace

Command exec_command() {
    Command command;
    command.name = "exec";
    command.usage = "klaude exec [options] [PROMPT | -]";
    command.summary = "run the agent on one prompt and stream the answer to stdout";
    command.details =
        "The prompt comes from the argument, or from stdin when it is '-' or absent and stdin\n"
        "is not a terminal. Without --json, stdout carries only the answer; tool calls,\n"
        "reasoning, usage and errors go to stderr. With --json, stdout carries one JSON object\n"
        "per event (docs/exec-json.md). Tool calls that need approval are denied when stdin is\n"
        "not a terminal. The default approval policy here is auto-edit.\n";
    command.options = agent_option_specs();
    command.options.push_back({"json", 0, false, "", "write events as JSON Lines to stdout"});
    command.run = &run_exec;
    return command;
}

}  // namespace klaude::core
