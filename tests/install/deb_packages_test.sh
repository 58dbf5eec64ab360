#!/usr/bin/env bash
# `cpack -G DEB` makes klaude and klaude-dev: right names, dependencies and contents; the
# extracted packages work (klaude lists its plugins, the SDK builds the C example), and apt
# accepts them (simulated: nothing is installed on this machine).
source "$(dirname "$0")/common.sh"
: "${KLAUDE_TEST_CPACK:?}"
fresh_dir "$WORK"
if ! command -v dpkg-deb >/dev/null; then
    echo "dpkg-deb not found: not a Debian system, skipping"
    exit 77
fi

if ! "$KLAUDE_TEST_CPACK" -G DEB --config "$KLAUDE_TEST_BUILD_DIR/CPackConfig.cmake" \
    -B "$WORK/packages" >"$WORK/cpack.log" 2>&1; then
    cat "$WORK/cpack.log" >&2
    fail "cpack -G DEB failed"
fi
shopt -s nullglob
runtime=("$WORK"/packages/klaude_*.deb)
dev=("$WORK"/packages/klaude-dev_*.deb)
[[ ${#runtime[@]} -eq 1 && ${#dev[@]} -eq 1 ]] ||
    fail "expected one klaude_*.deb and one klaude-dev_*.deb, got: $(ls "$WORK/packages")"
runtime="${runtime[0]}" dev="${dev[0]}"

expect_equals "$(dpkg-deb -f "$runtime" Package)" "klaude" "runtime package name"
expect_equals "$(dpkg-deb -f "$dev" Package)" "klaude-dev" "dev package name"
version=$(dpkg-deb -f "$runtime" Version)
depends=$(dpkg-deb -f "$runtime" Depends)
for library in libpocofoundation libpoconet libpoconetssl libssl3; do
    expect_contains "$depends" "$library" "Depends of klaude"
done
expect_equals "$(dpkg-deb -f "$dev" Depends)" "klaude (= $version)" "Depends of klaude-dev"
expect_equals "$(dpkg-deb -f "$dev" Recommends)" "libpoco-dev, rapidjson-dev" "Recommends of klaude-dev"

contents() { dpkg-deb -c "$1" | awk '{print $6}' | grep -v '/$' | sort; }
expect_equals "$(contents "$runtime")" "./usr/bin/klaude
./usr/lib/klaude/plugins/anthropic.so
./usr/lib/klaude/plugins/chat.so
./usr/lib/klaude/plugins/codex.so
./usr/lib/klaude/plugins/responses.so" "files of klaude"
dev_files=$(contents "$dev")
# CMake names the per-configuration export file after the build type ("noconfig" without one).
config=$(echo "${KLAUDE_TEST_BUILD_TYPE:-noconfig}" | tr '[:upper:]' '[:lower:]')
expected_dev=$( (cd "$KLAUDE_TEST_SOURCE_DIR/sdk/include" && find klaude -type f | sed 's|^|./usr/include/|'
    cd "$KLAUDE_TEST_SOURCE_DIR/sdk/support/include" && find klaude -type f | sed 's|^|./usr/include/|'
    for f in KlaudePlugin.cmake KlaudeSDKConfig.cmake KlaudeSDKConfigVersion.cmake \
        KlaudeSDKTargets.cmake KlaudeSDKSupportTargets.cmake \
        "KlaudeSDKSupportTargets-$config.cmake" plugin.version; do
        echo "./usr/share/cmake/KlaudeSDK/$f"
    done
    (cd "$KLAUDE_TEST_SOURCE_DIR/examples" && find . -type f | sed 's|^\./|./usr/share/doc/klaude-dev/examples/|')
    echo ./usr/lib/klaude/libklaude_sdk_support.a
    echo ./usr/share/pkgconfig/klaude-sdk.pc) | sort)
expect_equals "$dev_files" "$expected_dev" "files of klaude-dev"

# The packaged (stripped) files work: run them from an extracted root.
dpkg-deb -x "$runtime" "$WORK/root"
dpkg-deb -x "$dev" "$WORK/root"
PREFIX="$WORK/root/usr"
run_klaude plugins
expect_equals "$RC" 0 "packaged klaude plugins exit code"
expect_contains "$OUT" "path:      $PREFIX/lib/klaude/plugins/codex.so" "packaged klaude plugins"
expect_contains "$OUT" "path:      $PREFIX/lib/klaude/plugins/responses.so" "packaged klaude plugins"
expect_contains "$OUT" "path:      $PREFIX/lib/klaude/plugins/chat.so" "packaged klaude plugins"
expect_contains "$OUT" "path:      $PREFIX/lib/klaude/plugins/anthropic.so" "packaged klaude plugins"
expect_not_contains "$OUT" "Rejected" "packaged klaude plugins"
CXX=/nonexistent/c++ build_against_prefix "$KLAUDE_TEST_SOURCE_DIR/examples/c-provider" "$WORK/c-provider"
run_klaude --plugin-dir "$WORK/c-provider" exec -m cecho/cecho-1 "from the package"
expect_equals "$OUT" "from the package" "exec with the packaged SDK (stderr: $ERR)"

if command -v apt-get >/dev/null; then
    RC=0
    OUT=$(cd "$WORK/packages" && apt-get install -s "./$(basename "$runtime")" "./$(basename "$dev")" 2>&1) || RC=$?
    expect_equals "$RC" 0 "apt-get install -s (output: $OUT)"
    expect_contains "$OUT" "Inst klaude " "apt-get install -s"
    expect_contains "$OUT" "Inst klaude-dev " "apt-get install -s"
fi
echo "ok"
