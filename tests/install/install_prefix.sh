#!/usr/bin/env bash
# Fixture setup: `cmake --install` the build into the test prefix, once per ctest run.
source "$(dirname "$0")/common.sh"

fresh_dir "$PREFIX"
fresh_dir "$WORK"
if ! "$CMAKE" --install "$KLAUDE_TEST_BUILD_DIR" --prefix "$PREFIX" >"$WORK/install.log" 2>&1; then
    cat "$WORK/install.log" >&2
    fail "cmake --install $KLAUDE_TEST_BUILD_DIR --prefix $PREFIX failed"
fi
[[ -x "$PREFIX/bin/klaude" ]] || fail "no $PREFIX/bin/klaude after install"
echo "installed into $PREFIX"
