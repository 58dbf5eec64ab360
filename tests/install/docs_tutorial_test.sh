#!/usr/bin/env bash
# docs/plugin-authoring.md cannot rot: its marked code blocks are run as a reader would, in an
# empty folder, against the installed klaude and SDK only.
#   <!-- file: NAME -->   the next fenced block is written to NAME
#   <!-- run -->          the next fenced block runs in bash (-e) in the folder
#   <!-- stdout -->       the next fenced block is exactly the previous run block's stdout
#   <!-- stdout-lines --> every line of the next fenced block without "…" is a line of the
#                         previous run block's stdout
source "$(dirname "$0")/common.sh"
fresh_dir "$WORK"
doc="$KLAUDE_TEST_SOURCE_DIR/docs/plugin-authoring.md"
blocks="$WORK/blocks"
folder="$WORK/hello-plugin"
mkdir -p "$blocks" "$folder"

awk -v dir="$blocks" '
    /^<!-- file: [^ ]+ -->$/ { pending = "file." $3; next }
    /^<!-- (run|stdout|stdout-lines) -->$/ { pending = $2; next }
    /^```/ {
        if (infence) { infence = 0; if (out != "") close(out); out = ""; next }
        infence = 1
        if (pending != "") { n++; out = sprintf("%s/%02d.%s", dir, n, pending); printf "" > out }
        pending = ""
        next
    }
    infence && out != "" { print > out }
' "$doc"

count() { find "$blocks" -name "$1" | wc -l; }
[[ $(count '*.file.*') -ge 3 && $(count '*.run') -ge 4 && $(count '*.stdout') -ge 1 &&
    $(count '*.stdout-lines') -ge 2 ]] || fail "too few marked blocks in $doc: $(ls "$blocks")"

last_stdout=""
for block in $(find "$blocks" -type f | sort); do
    kind="${block#"$blocks"/??.}"
    case "$kind" in
    file.*)
        cp "$block" "$folder/${kind#file.}"
        ;;
    run)
        echo "--- running: $(tr '\n' ';' <"$block")"
        if ! (cd "$folder" &&
            env -u KLAUDE_PLUGIN_PATH -u KLAUDE_MODEL -u KLAUDE_LOG \
                PATH="$PREFIX/bin:$(dirname "$CMAKE"):$PATH" CMAKE_PREFIX_PATH="$PREFIX" \
                KLAUDE_HOME="$WORK/home" CC="$KLAUDE_TEST_C_COMPILER" CXX="$KLAUDE_TEST_CXX_COMPILER" \
                CFLAGS="$STRICT_FLAGS" CXXFLAGS="$STRICT_FLAGS" \
                bash -e -o pipefail "$block" >"$block.out" 2>"$block.err" </dev/null); then
            cat "$block.out" "$block.err" >&2
            fail "a documented command failed: $(cat "$block")"
        fi
        last_stdout=$(cat "$block.out")
        ;;
    stdout)
        expect_equals "$last_stdout" "$(cat "$block")" "documented output of the previous command"
        ;;
    stdout-lines)
        while IFS= read -r line; do
            [[ "$line" == *…* ]] && continue
            grep -qxF -- "$line" <<<"$last_stdout" ||
                fail "documented line [$line] is not in the output:"$'\n'"$last_stdout"
        done <"$block"
        ;;
    esac
done

# The tutorial really built against the test prefix, not against the klaude source tree.
expect_equals "$(sed -n 's/^KlaudeSDK_DIR:PATH=//p' "$folder/build/CMakeCache.txt")" \
    "$PREFIX/share/cmake/KlaudeSDK" "KlaudeSDK_DIR of the tutorial"
echo "ok"
