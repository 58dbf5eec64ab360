#!/usr/bin/env bash
# Builds klaude with sanitizers and runs tests under them.
#   scripts/sanitizer-tests.sh address   ASan + UBSan (and LeakSanitizer): the whole test suite
#   scripts/sanitizer-tests.sh thread    TSan: the in-process threading tests (cross-process
#                                        races are the stress tests' job)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-address}
jobs=${JOBS:-2}
scripts/install-deps.sh
(cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)

build=build-$kind
# No -Werror here: GCC 12 reports false maybe-uninitialized warnings inside libstdc++ when
# sanitizers are on. The release stage builds with warnings as errors.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKLAUDE_SANITIZE="$kind" >/dev/null

case "$kind" in
  address)
    cmake --build "$build" -j"$jobs"
    # A crash inside a plugin must look like a crash (a signal) to the plugin scanner, not like
    # an ASan report with exit code 1; leaks and UB still fail the tests.
    export ASAN_OPTIONS="detect_leaks=1:handle_segv=0:handle_sigbus=0:handle_abort=0:allow_user_segv_handler=1:detect_odr_violation=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
    ctest --test-dir "$build" -j"$jobs" --output-on-failure --timeout 600 -LE no-sanitizer
    ;;
  thread)
    targets=(responses_tests codex_auth_tests agent_loop_tests agent_tools_tests sdk_support_tests mcp_tests
      core_tui_tests core_host_tests)
    cmake --build "$build" -j"$jobs" --target "${targets[@]}" klaude responses codex
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/scripts/tsan.supp"
    # The in-process threading tests: the client's cancellation and TLS/loopback servers, the
    # token refresher and its lock, the login's callback server waiting with typed input, the
    # shell tool's reader threads, the agent loop's cancel, the connection pool and kept-alive
    # connections, the MCP client and its transports (stdio reader, HTTP workers), the
    # interactive session's spinner thread and signal watcher. Third-party
    # races: scripts/tsan.supp.
    ctest --test-dir "$build" -j"$jobs" --output-on-failure --timeout 600 \
          -R '^(ClientTest|Https|KeepAlive|ConnectionPool|TokenRefresherTest|FileLock|BrowserLoginTest|CallbackServer|DeviceLoginTest|ShellToolTest|AgentLoopTest|McpClient|FaultTools|McpHttp|McpServersHttp|EventStreamAndJson/SdkHttpServer|SdkHttpServerAuth|EverythingOverHttp|McpServers|McpEverything|SpinnerTest|TurnViewSpinnerTest|ScreenTest|InterruptsTest)' \
          -LE no-sanitizer
    ;;
  *)
    echo "usage: $0 address|thread" >&2
    exit 2
    ;;
esac
