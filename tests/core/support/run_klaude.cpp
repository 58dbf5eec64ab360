#include "tests/core/support/run_klaude.h"

#include <signal.h>

#include <future>
#include <optional>
#include <sstream>

#include <Poco/Environment.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

extern char** environ;

namespace klaude::testing {

std::string klaude_binary() {
    return KLAUDE_TEST_BINARY;
}

namespace {

Poco::Process::Env make_environment(const std::map<std::string, std::string>& env) {
    Poco::Process::Env environment;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string entry = *e;
        auto eq = entry.find('=');
        if (eq != std::string::npos) {
            environment[entry.substr(0, eq)] = entry.substr(eq + 1);
        }
    }
    for (const auto& [key, value] : env) {
        if (value.empty()) {
            environment.erase(key);
        } else {
            environment[key] = value;
        }
    }
    Poco::Pipe in, out, err;
    Poco::ProcessHandle handle =
        Poco::Process::launch(klaude_binary(), args, "", &in, &out, &err, environment);
    auto drain = [](Poco::Pipe pipe) {
        Poco::PipeInputStream stream(pipe);
        std::string text;
        Poco::StreamCopier::copyToString(stream, text);
        return text;
    };
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
