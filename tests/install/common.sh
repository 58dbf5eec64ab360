# Shared helpers for the install tests (sourced by every *_test.sh). CTest passes the paths in
# the environment (tests/install/CMakeLists.txt); each test works in its own KLAUDE_TEST_WORK_DIR.
set -euo pipefail

: "${KLAUDE_TEST_CMAKE:?}" "${KLAUDE_TEST_SOURCE_DIR:?}" "${KLAUDE_TEST_BUILD_DIR:?}"
: "${KLAUDE_TEST_PREFIX:?}" "${KLAUDE_TEST_WORK_DIR:?}" "${KLAUDE_TEST_GENERATOR:?}"
: "${KLAUDE_TEST_C_COMPILER:?}" "${KLAUDE_TEST_CXX_COMPILER:?}"

CMAKE="$KLAUDE_TEST_CMAKE"
PREFIX="$KLAUDE_TEST_PREFIX"
WORK="$KLAUDE_TEST_WORK_DIR"
# Third-party code must build cleanly against the SDK headers at a high warning level.
STRICT_FLAGS="-Wall -Wextra -Wpedantic -Werror"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

expect_contains() { # TEXT NEEDLE WHAT
    [[ "$1" == *"$2"* ]] || fail "$3: expected to contain [$2], got:"$'\n'"$1"
}

expect_not_contains() { # TEXT NEEDLE WHAT
    [[ "$1" != *"$2"* ]] || fail "$3: expected NOT to contain [$2], got:"$'\n'"$1"
}

expect_equals() { # ACTUAL EXPECTED WHAT
    [[ "$1" == "$2" ]] || fail "$3: expected [$2], got [$1]"
}

fresh_dir() {
    rm -rf -- "$1"
    mkdir -p -- "$1"
}

# Runs the INSTALLED klaude with a private KLAUDE_HOME and none of the user's plugin or model
# settings. Sets OUT, ERR (trailing newlines stripped) and RC.
run_klaude() {
    mkdir -p "$WORK/home"
    RC=0
    env -u KLAUDE_PLUGIN_PATH -u KLAUDE_MODEL -u KLAUDE_LOG KLAUDE_HOME="$WORK/home" \
        "$PREFIX/bin/klaude" "$@" >"$WORK/klaude.out" 2>"$WORK/klaude.err" </dev/null || RC=$?
    OUT=$(cat "$WORK/klaude.out")
    ERR=$(cat "$WORK/klaude.err")
}

# Configures and builds a CMake project against the installed SDK only (CMAKE_PREFIX_PATH),
# with the compilers of the main build. Extra arguments go to the configure step; set CXX in
# the environment to override the C++ compiler.
build_against_prefix() { # SOURCE_DIR BUILD_DIR [cmake args...]
    local src="$1" build="$2"
    shift 2
    if ! CC="${CC:-$KLAUDE_TEST_C_COMPILER}" CXX="${CXX:-$KLAUDE_TEST_CXX_COMPILER}" \
        CFLAGS="$STRICT_FLAGS" CXXFLAGS="$STRICT_FLAGS" \
        "$CMAKE" -S "$src" -B "$build" -G "$KLAUDE_TEST_GENERATOR" \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$PREFIX" "$@" >"$build.configure.log" 2>&1; then
        cat "$build.configure.log" >&2
        fail "configuring $src against $PREFIX failed"
    fi
    # The SDK must come from the test prefix, not from a klaude-dev installed on this machine.
    local found
    found=$(sed -n 's/^KlaudeSDK_DIR:PATH=//p' "$build/CMakeCache.txt")
    expect_equals "$found" "$PREFIX/share/cmake/KlaudeSDK" "KlaudeSDK_DIR of $src"
    if ! "$CMAKE" --build "$build" >"$build.build.log" 2>&1; then
        cat "$build.build.log" >&2
        fail "building $src failed"
    fi
}

# A plugin built with klaude_add_plugin exports exactly one dynamic symbol: its entry.
expect_only_entry_exported() { # PLUGIN_FILE
    local symbols
    symbols=$(nm -D --defined-only "$1" | awk '{print $NF}')
    expect_equals "$symbols" "klaude_plugin_entry" "exported symbols of $1"
}
