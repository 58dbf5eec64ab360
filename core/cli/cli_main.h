// `klaude`'s main: parses the command line, runs a command, and turns every failure into one
// line on stderr and an exit code (0 ok, 1 failure, 2 usage).
#pragma once

namespace klaude::core {

int run_cli(int argc, char** argv);

}  // namespace klaude::core
