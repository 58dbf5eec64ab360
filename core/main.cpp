// klaude: the command-line entry point. All the work happens in klaude_core.
#include "core/cli/cli_main.h"
#include "core/host/interrupts.h"

int main(int argc, char** argv) {
    // Before any thread exists: every thread inherits the blocked Ctrl-C.
    klaude::core::Interrupts::instance().install();
    return klaude::core::run_cli(argc, argv);
}
