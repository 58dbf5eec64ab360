#include "tests/core/support/run_klaude.h"

#include "tests/support/child_environment.h"

#include <signal.h>

#include <future>
#include <optional>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

namespace klaude::testing {

namespace {

std::string drain(Poco::Pipe pipe) {
    Poco::PipeInputStream stream(pipe);
    std::string text;
    Poco::StreamCopier::copyToString(stream, text);
    return text;
}

}  // namespace

std::string klaude_binary() {
    return KLAUDE_TEST_BINARY;
}

struct KlaudeProcess::State {
    Poco::Pipe in, out, err;
    std::optional<Poco::ProcessHandle> handle;
    std::future<std::string> out_text, err_text;
};

KlaudeProcess::KlaudeProcess(const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& env, const std::string& cwd)
    : state_(new State) {
    state_->handle.emplace(Poco::Process::launch(klaude_binary(), args, cwd, &state_->in,
                                                 &state_->out, &state_->err,
                                                 environment_with(env)));
    state_->out_text = std::async(std::launch::async, drain, state_->out);
    state_->err_text = std::async(std::launch::async, drain, state_->err);
}

KlaudeProcess::~KlaudeProcess() {
    if (state_->out_text.valid()) {
        ::kill(state_->handle->id(), SIGKILL);
        wait();
    }
    delete state_;
}

void KlaudeProcess::signal(int signo) {
    ::kill(state_->handle->id(), signo);
}

ProcessResult KlaudeProcess::wait() {
    state_->in.close();
    ProcessResult result;
    result.exit_code = state_->handle->wait();
    result.out = state_->out_text.get();
    result.err = state_->err_text.get();
    return result;
}

ProcessResult run_klaude(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env,
                         const std::string& stdin_text, const std::string& cwd) {
    Poco::Pipe in, out, err;
    Poco::ProcessHandle handle =
        Poco::Process::launch(klaude_binary(), args, cwd, &in, &out, &err, environment_with(env));
    auto out_text = std::async(std::launch::async, drain, out);
    auto err_text = std::async(std::launch::async, drain, err);
    {
        Poco::PipeOutputStream input(in);
        input << stdin_text;
        input.close();
    }
    ProcessResult result;
    result.exit_code = handle.wait();
    result.out = out_text.get();
    result.err = err_text.get();
    return result;
}

}  // namespace klaude::testing
