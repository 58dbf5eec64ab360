#!/usr/bin/env bash
# Builds examples/<NAME> out of tree (a copy outside the klaude tree) against the installed SDK,
# then has the INSTALLED klaude list it and stream from it.
#   example_test.sh NAME PLUGIN_ID PROVIDER/MODEL [c]   (c: a C plugin, built with no C++ compiler)
source "$(dirname "$0")/common.sh"
name="$1" plugin_id="$2" model="$3" language="${4:-cxx}"
fresh_dir "$WORK"

cp -r "$KLAUDE_TEST_SOURCE_DIR/examples/$name" "$WORK/src"
if [[ "$language" == c ]]; then
    # project(... LANGUAGES C): configuring must not even look for a C++ compiler.
    CXX=/nonexistent/c++ build_against_prefix "$WORK/src" "$WORK/build"
else
    build_against_prefix "$WORK/src" "$WORK/build"
fi
plugin="$WORK/build/${name//-/_}.so"
[[ -f "$plugin" ]] || fail "the build made no $plugin"
expect_only_entry_exported "$plugin"

run_klaude --plugin-dir "$WORK/build" plugins
expect_equals "$RC" 0 "klaude plugins exit code"
expect_contains "$OUT" "$plugin_id 1.0.0" "klaude plugins"
expect_contains "$OUT" "path:      $plugin" "klaude plugins"
expect_contains "$OUT" "providers: ${model%%/*}" "klaude plugins"
expect_not_contains "$OUT" "Rejected" "klaude plugins"

run_klaude --plugin-dir "$WORK/build" exec -m "$model" "hi there"
expect_equals "$RC" 0 "klaude exec exit code (stderr: $ERR)"
expect_equals "$OUT" "hi there" "klaude exec output"

# Quotes, backslashes and non-ASCII text survive the request JSON and the deltas.
prompt='Grüße, "quoted" \ and ✓ done'
run_klaude --plugin-dir "$WORK/build" exec -m "$model" "$prompt"
expect_equals "$RC" 0 "klaude exec exit code (stderr: $ERR)"
expect_equals "$OUT" "$prompt" "klaude exec output"
echo "ok"
