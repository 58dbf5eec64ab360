// Sanitizer defaults linked into every fuzz target, so that running a target by hand (say on a
// reproducer) behaves as under scripts/fuzz-smoke.sh; UBSAN_OPTIONS still overrides them.
//
// UB checks are built recoverable only so that ubsan.supp can silence third-party reports;
// halt_on_error turns every other report into a crash that libFuzzer records.
extern "C" const char* __ubsan_default_options() {
    return "halt_on_error=1:print_stacktrace=1:suppressions=" KLAUDE_FUZZ_UBSAN_SUPPRESSIONS;
}
