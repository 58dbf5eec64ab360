// klaude: the command-line entry point. All the work happens in klaude_core.
#include <cstdio>

int main(int argc, char** argv) {
    (void)argc;
    (void)argv;
    std::puts("klaude " KLAUDE_VERSION);
    return 0;
}
