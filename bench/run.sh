#!/usr/bin/env bash
# The whole benchmark suite: configures a Release build with the benchmarks into
# $KLAUDE_BENCH_BUILD (default <repo>/build-bench), builds it, runs every measurement of
# docs/performance.md and prints the table of targets. Exit status 1 when a build or a run
# fails (a missed target is reported in the table, not by the exit status: the figures
# depend on the machine).
#
#   bench/run.sh                 everything (about 2 minutes after the build on 2 cores)
#   BENCH_SKIP_VALGRIND=1 bench/run.sh    without the valgrind leak checks
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${KLAUDE_BENCH_BUILD:-$SRC/build-bench}
BIN="$BUILD/bin"
WORK=$(mktemp -d /tmp/klaude-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "== build (Release, -DKLAUDE_BUILD_BENCH=ON) into $BUILD"
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DKLAUDE_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" -j2 --target bench_all >/dev/null
echo "machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), load $(cut -d' ' -f1-3 /proc/loadavg)"

# A clean home and no extra plugins: `klaude plugins` sees exactly the 2 built-in plugins.
mkdir -m 700 "$WORK/home"
export KLAUDE_HOME="$WORK/home" KLAUDE_PLUGIN_PATH= KLAUDE_LOG=

field() {  # FILE KEY: the value of KEY=… on the RESULT line
  grep '^RESULT' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | tail -1
}

# start-to-exit: hyperfine when installed, else time_command (same statistics).
startup() {  # NAME RUNS COMMAND...
  local name=$1 runs=$2
  shift 2
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 10 --runs "$runs" --export-json "$WORK/$name.json" "$*" >/dev/null
    python3 - "$WORK/$name.json" "$name" "$runs" >"$WORK/$name.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("RESULT label=%s mean_ms=%.2f median_ms=%.2f min_ms=%.2f max_ms=%.2f runs=%s tool=hyperfine"
      % (sys.argv[2], r["mean"] * 1e3, r["median"] * 1e3, r["min"] * 1e3, r["max"] * 1e3, sys.argv[3]))
PY
  else
    "$BIN/time_command" --runs "$runs" --label "$name" -- "$@" >"$WORK/$name.txt"
  fi
  # Peak RSS from time_command (hyperfine does not measure it): a few runs suffice.
  "$BIN/time_command" --runs 5 --warmup 1 --label "$name" -- "$@" >"$WORK/$name.rss"
  echo "$(grep '^RESULT' "$WORK/$name.txt") rss_mb=$(field "$WORK/$name.rss" rss_mb)"
}

echo "== start-up"
startup version 200 "$BIN/klaude" --version
startup plugins 200 "$BIN/klaude" plugins
"$BIN/make_plugin_dir" "$BUILD/bench/plugins/bench_plugin.so" "$WORK/plugins100" 100 >/dev/null
loaded=$("$BIN/klaude" --plugin-dir "$WORK/plugins100" plugins | sed -n 's/^Loaded plugins (\([0-9]*\)).*/\1/p')
echo "discovery: $loaded plugins loaded (100 distinct bench plugins + the 2 built-in)"
startup discovery100 50 "$BIN/klaude" --plugin-dir "$WORK/plugins100" plugins

echo "== SSE parse + event mapping (median of 5, CPU time)"
"$BIN/responses_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  2>/dev/null | grep '_median' | tee "$WORK/responses.txt"
echo "== host cost per text delta (median of 5, CPU time)"
"$BIN/host_delta_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  2>/dev/null | grep '_median' | tee "$WORK/host.txt"

echo "== Markdown rendered as it streams, per text delta (median of 5, CPU time)"
"$BIN/tui_render_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  2>/dev/null | grep '_median' | tee "$WORK/tui.txt"

echo "== klaude exec, 1 MiB answer from the paced loopback server (and codex exec if installed)"
"$SRC/bench/compare.sh" "$BUILD" 5 | tee "$WORK/compare.txt"
grep '^RESULT label=klaude' "$WORK/compare.txt" >"$WORK/exec.txt"

echo "== connections that last: a 20-call TLS agent run, keep-alive off and on (median of 5)"
"$BIN/keep_alive_bench" --runs 5 --calls 20 -- "$BIN/klaude" | tee "$WORK/keepalive.txt"

valgrind_verdict="skipped"
if [[ "${BENCH_SKIP_VALGRIND:-0}" != 1 ]] && command -v valgrind >/dev/null; then
  echo "== valgrind leak checks"
  if "$SRC/bench/valgrind_check.sh" "$BUILD" | tee "$WORK/valgrind.txt"; then
    skipped=""
    if grep -q skipped "$WORK/valgrind.txt"; then skipped=", login skipped"; fi
    valgrind_verdict="no leaks ($(grep -c ': clean' "$WORK/valgrind.txt") runs clean$skipped)"
  else
    valgrind_verdict="FAILED"
  fi
fi

# --- the table -------------------------------------------------------------------------------
counter() {  # FILE BENCH KEY: a Google Benchmark counter of a *_median line, as a number
  grep "^$2_median" "$1" | tr ' ' '\n' | sed -n "s/^$3=//p" | head -1
}
verdict() {  # VALUE OP LIMIT
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<") ? (v + 0 < l + 0) : (v + 0 >= l + 0);
    print ok ? "met" : "MISSED" }'
}
ns() {  # "261.174ns" / "1.78714us" -> ns
  awk -v s="$1" 'BEGIN { v = s + 0; if (s ~ /us$/) v *= 1000; else if (s ~ /ms$/) v *= 1e6; printf "%.0f", v }'
}
mbs() {  # "652.934M/s" / "1.2G/s" -> MB/s (Google Benchmark's M is 2^20)
  awk -v s="$1" 'BEGIN { v = s + 0; if (s ~ /G\/s$/) v *= 1024; printf "%.0f", v * 1.048576 }'
}
row() { printf '| %-44s | %-26s | %-12s | %-6s |\n' "$@"; }

v_mean=$(field "$WORK/version.txt" mean_ms); p_mean=$(field "$WORK/plugins.txt" mean_ms)
d_mean=$(field "$WORK/discovery100.txt" mean_ms)
map_tr=$(mbs "$(counter "$WORK/responses.txt" BM_SseParseAndMap_Transcripts bytes_per_second)")
map_lt=$(mbs "$(counter "$WORK/responses.txt" BM_SseParseAndMap_LongText bytes_per_second)")
host1=$(ns "$(counter "$WORK/host.txt" BM_HostDeltaPath/4000/1 ns_per_delta)")
host_tui=$(ns "$(counter "$WORK/host.txt" BM_HostDeltaPathTui/4000/1 ns_per_delta)")
plug1=$(ns "$(counter "$WORK/responses.txt" BM_SseParseAndMap_LongText ns_per_event)")
md_prose=$(ns "$(counter "$WORK/tui.txt" BM_MarkdownStream/prose ns_per_delta)")
md_mixed=$(ns "$(counter "$WORK/tui.txt" BM_MarkdownStream/mixed ns_per_delta)")
md_code=$(ns "$(counter "$WORK/tui.txt" BM_MarkdownStream/code ns_per_delta)")
e2e=$(field "$WORK/exec.txt" cpu_ns_per_delta)
ovh=$(field "$WORK/exec.txt" overhead_pct); rss=$(field "$WORK/exec.txt" rss_mb)
ka_off=$(grep 'label=keep_alive_off' "$WORK/keepalive.txt" | tr ' ' '\n' | sed -n 's/^wall_ms_median=//p')
ka_on=$(grep 'label=keep_alive_on' "$WORK/keepalive.txt" | tr ' ' '\n' | sed -n 's/^wall_ms_median=//p')
ka_conn=$(grep 'label=keep_alive_on' "$WORK/keepalive.txt" | tr ' ' '\n' | sed -n 's/^connections=//p')

echo
echo "Release build, $(nproc) shared cores; times are means of many runs (details above)"
row target figure "limit" verdict
row "--------------------------------------------" "--------------------------" "------------" "------"
row "klaude --version, start to exit" "$v_mean ms mean" "< 10 ms" "$(verdict "$v_mean" '<' 10)"
row "klaude plugins (2 plugins), start to exit" "$p_mean ms mean" "< 20 ms" "$(verdict "$p_mean" '<' 20)"
row "klaude --plugin-dir D plugins (100 files)" "$d_mean ms mean" "< 100 ms" "$(verdict "$d_mean" '<' 100)"
row "SSE parse + map, transcripts" "$map_tr MB/s" ">= 300 MB/s" "$(verdict "$map_tr" '>=' 300)"
row "SSE parse + map, long text answer" "$map_lt MB/s" ">= 300 MB/s" "$(verdict "$map_lt" '>=' 300)"
row "host cost per text delta (plugin -> stdout)" "$host1 ns" "< 1000 ns" "$(verdict "$host1" '<' 1000)"
row "  same, interactive display (worst case, §7)" "$host_tui ns" "-" "-"
row "  plugin parse + map per delta (for scale)" "$plug1 ns" "-" "-"
row "  whole process CPU per delta (exec, 1 MiB)" "$e2e ns" "-" "-"
row "Markdown rendering per delta, mixed 1 MiB" "$md_mixed ns" "<= 1500 ns" "$(verdict "$md_mixed" '<' 1501)"
row "Markdown rendering per delta, prose 1 MiB" "$md_prose ns" "<= 2000 ns" "$(verdict "$md_prose" '<' 2001)"
row "Markdown rendering per delta, code 1 MiB" "$md_code ns" "<= 2000 ns" "$(verdict "$md_code" '<' 2001)"
row "exec 1 MiB: wall vs server send" "+$ovh %" "<= +10 %" "$(verdict "$ovh" '<' 10)"
row "exec 1 MiB: peak RSS" "$rss MB" "< 20 MB" "$(verdict "$rss" '<' 20)"
row "20-call TLS agent run: connections opened" "$ka_conn (was 20)" "1" "$(verdict "$ka_conn" '<' 2)"
row "20-call TLS agent run: wall time" "$ka_on ms (was $ka_off ms)" "-" "-"
row "valgrind leak checks" "$valgrind_verdict" "no leaks" "$([[ $valgrind_verdict == no* ]] && echo met || echo "-")"
