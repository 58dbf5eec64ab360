#!/usr/bin/env bash
# The pkg-config route, no CMake: klaude-sdk.pc gives the compiler flags; the linker flags are
# the ones docs/plugin-authoring.md lists. Builds the C example with them and loads it.
source "$(dirname "$0")/common.sh"
fresh_dir "$WORK"
export PKG_CONFIG_PATH="$PREFIX/share/pkgconfig"

version=$(pkg-config --modversion klaude-sdk)
expect_equals "$version" "$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")$/\1/p' \
    "$PREFIX/share/cmake/KlaudeSDK/KlaudeSDKConfigVersion.cmake")" "klaude-sdk.pc version"
version_script=$(pkg-config --variable=version_script klaude-sdk)
[[ -f "$version_script" ]] || fail "version_script=$version_script does not exist"
plugindir=$(pkg-config --variable=plugindir klaude-sdk)
[[ "$(cd "$plugindir" && pwd -P)" == "$(cd "$PREFIX/lib/klaude/plugins" && pwd -P)" ]] ||
    fail "plugindir=$plugindir is not $PREFIX/lib/klaude/plugins"

mkdir -p "$WORK/build"
# shellcheck disable=SC2046 # pkg-config output is meant to be split
"$KLAUDE_TEST_C_COMPILER" -std=c11 $STRICT_FLAGS -O2 -fPIC -fvisibility=hidden \
    $(pkg-config --cflags klaude-sdk) -c "$KLAUDE_TEST_SOURCE_DIR/examples/c-provider/c_provider.c" \
    -o "$WORK/c_provider.o"
"$KLAUDE_TEST_C_COMPILER" -shared -Wl,--no-undefined -Wl,--version-script="$version_script" \
    "$WORK/c_provider.o" -o "$WORK/build/cecho.so"
expect_only_entry_exported "$WORK/build/cecho.so"

run_klaude --plugin-dir "$WORK/build" exec -m cecho/cecho-1 "built with pkg-config"
expect_equals "$RC" 0 "klaude exec exit code (stderr: $ERR)"
expect_equals "$OUT" "built with pkg-config" "klaude exec output"
echo "ok"
