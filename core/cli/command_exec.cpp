// `klaude exec [-m MODEL] [--json] [PROMPT|-]`: one run against the chosen model, the answer
// streamed to stdout (see exec_output.h for the output contract).
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <iterator>

#include "core/agent/conversation.h"
#include "core/agent/instructions.h"
#include "core/cli/command.h"
#include "core/cli/exec_output.h"
#include "core/config/model_resolution.h"
#include "core/host/interrupts.h"
#include "core/plugin/plugin_client.h"

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

// -c key=value: per-run overrides of the model's settings.
void apply_overrides(const ParsedArgs& args, TurnSettings& settings) {
    for (const std::string& override : args.values("config")) {
        const auto eq = override.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw UsageError("-c needs KEY=VALUE, not '" + override + "'");
        }
        const std::string key = override.substr(0, eq);
        const std::string value = override.substr(eq + 1);
        if (key == "reasoning_effort" || key == "reasoning.effort") {
            settings.reasoning_effort = value;
        } else if (key == "reasoning_summary" || key == "reasoning.summary") {
            settings.reasoning_summary = value;
        } else if (key == "verbosity") {
            settings.verbosity = value;
        } else if (key == "max_output_tokens") {
            try {
                settings.max_output_tokens = std::stoull(value);
            } catch (const std::exception&) {
                throw UsageError("-c max_output_tokens needs a number, not '" + value + "'");
            }
        } else {
            throw UsageError("unknown -c key '" + key +
                             "' (reasoning_effort, reasoning_summary, verbosity, "
                             "max_output_tokens)");
        }
    }
}

int run_exec(App& app, const ParsedArgs& args) {
    const std::string prompt = read_prompt(args);
    const ResolvedModel resolved =
        resolve_model(app.config(), choose_model_spec(args.value("model").value_or("")));
    const PluginRegistry::Provider* plugin = app.plugin_for(resolved.provider);
    if (plugin == nullptr) {
        throw std::runtime_error("provider '" + resolved.provider.id + "' needs plugin provider '" +
                                 resolved.provider.protocol +
                                 "', which is not loaded; see 'klaude plugins'");
    }

    TurnSettings settings;
    settings.model_id = resolved.model.model_id;
    settings.session_id = new_session_id();
    std::optional<std::filesystem::path> instructions_file;
    if (auto file = args.value("instructions")) {
        instructions_file = *file;
    }
    settings.instructions =
        resolved.model.instructions && !instructions_file
            ? *resolved.model.instructions
            : build_instructions(std::filesystem::current_path(), instructions_file);
    settings.reasoning_effort = resolved.model.reasoning_effort;
    settings.reasoning_summary = resolved.model.reasoning_summary;
    settings.verbosity = resolved.model.verbosity;
    apply_overrides(args, settings);

    Conversation conversation;
    conversation.add_user_message(prompt);

    std::unique_ptr<ExecOutput> output =
        args.has("json") ? make_json_output(stdout) : make_text_output(stdout, stderr);
    output->session_started(settings.session_id, resolved.provider.id, settings.model_id);

    PluginClient client(plugin->plugin, resolved.provider.protocol,
                        to_plugin_json(resolved.provider));
    auto subscription = Interrupts::instance().on_interrupt([&client] { client.cancel(); });
    try {
        client.stream(conversation.build_request(settings),
                      [&output](klaude_event_type_t type, std::string_view data) {
                          output->event(type, data);
                      });
    } catch (const PluginError& e) {
        output->failed(klaude_status_name(e.status()), e.what());
        output->finish();
        if (e.status() == KLAUDE_ERROR_CANCELLED || Interrupts::instance().requested()) {
            std::cerr << "klaude: cancelled\n";
            return 130;
        }
        throw;
    }
    output->finish();
    return kExitOk;
}

}  // namespace

Command exec_command() {
    Command command;
    command.name = "exec";
    command.usage = "klaude exec [options] [PROMPT | -]";
    command.summary = "run one prompt and stream the answer to stdout";
    command.details =
        "The prompt comes from the argument, or from stdin when it is '-' or absent and stdin\n"
        "is not a terminal. Without --json, stdout carries only the answer; reasoning, usage\n"
        "and errors go to stderr. With --json, stdout carries one JSON object per event\n"
        "(docs/exec-json.md).\n";
    command.options = {
        {"model", 'm', true, "MODEL", "a configured model name, or PROVIDER/MODEL_ID"},
        {"json", 0, false, "", "write events as JSON Lines to stdout"},
        {"config", 'c', true, "KEY=VALUE",
         "override reasoning_effort, reasoning_summary, verbosity, max_output_tokens"},
        {"instructions", 0, true, "FILE", "use FILE as the system prompt"},
    };
    command.run = &run_exec;
    return command;
}

}  // namespace klaude::core
