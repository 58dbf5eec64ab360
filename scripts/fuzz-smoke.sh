#!/usr/bin/env bash
# Fuzz smoke test: builds the libFuzzer targets of tests/fuzz (clang, ASan + UBSan) and runs each
# for a bounded time on a copy of its seed corpus (tests/fuzz/corpus/<name>). Fails on any crash,
# leak, timeout, out-of-memory or sanitizer report, and prints the reproducer and the command
# that replays it. Installs clang and the compiler-rt runtimes when missing.
#
#   scripts/fuzz-smoke.sh [SECONDS_PER_TARGET]      (default 30)
#
# Environment: KLAUDE_FUZZ_BUILD_DIR (default <repo>/build-fuzz), KLAUDE_FUZZ_TARGETS (names to
# run, e.g. "jwt config"; default all), JOBS (build parallelism, default 2).
# Runs are kept in <build dir>/fuzz-runs/<name>/ (log, corpus copy, artifacts) until the next run.
set -euo pipefail

seconds="${1:-30}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [SECONDS_PER_TARGET]  (a positive whole number of seconds)" >&2
  exit 2
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KLAUDE_FUZZ_BUILD_DIR:-$repo/build-fuzz}"
jobs="${JOBS:-2}"
all_targets=(sse_parser event_mapper jwt token_file callback config apply_patch catalog
  markdown_stream)
read -r -a targets <<<"${KLAUDE_FUZZ_TARGETS:-${all_targets[*]}}"

# --- clang and libFuzzer (idempotent: nothing happens when they are installed) ---------------
missing=()
for p in clang libclang-rt-14-dev; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "fuzz-smoke: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- build -----------------------------------------------------------------------------------
start=$SECONDS
mkdir -p "$build"
CC=clang CXX=clang++ cmake -S "$repo" -B "$build" -DKLAUDE_FUZZ=ON -DKLAUDE_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/fuzz-configure.log" 2>&1 ||
  { cat "$build/fuzz-configure.log" >&2; echo "fuzz-smoke: configure failed" >&2; exit 1; }
cmake --build "$build" -j"$jobs" --target klaude_fuzzers
echo "fuzz-smoke: build took $((SECONDS - start)) s"

# --- run -------------------------------------------------------------------------------------
# What a sanitizer, libFuzzer or a target's own invariant check prints when it finds something.
report_pattern="ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|fuzz invariant violated|terminate called"
runs="$build/fuzz-runs"
rm -rf "$runs"
failed=()
for name in "${targets[@]}"; do
  exe="$build/fuzz/fuzz_$name"
  seeds="$repo/tests/fuzz/corpus/$name"
  if [ ! -x "$exe" ] || [ ! -d "$seeds" ]; then
    echo "fuzz-smoke: unknown target '$name' (known: ${all_targets[*]})" >&2
    exit 2
  fi
  dir="$runs/$name"
  mkdir -p "$dir/corpus" "$dir/artifacts" "$dir/tmp"
  cp -R "$seeds/." "$dir/corpus/"
  t0=$SECONDS
  status=0
  # TMPDIR: the targets' scratch directories, so that a crashed run leaves nothing in /tmp.
  # The outer timeout only guards against a hang of libFuzzer itself.
  TMPDIR="$dir/tmp" timeout --kill-after=30 $((seconds + 300)) "$exe" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$dir/artifacts/" "$dir/corpus" >"$dir/log" 2>&1 || status=$?
  elapsed=$((SECONDS - t0))
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)"
  reproducers=("$dir"/artifacts/crash-* "$dir"/artifacts/leak-* "$dir"/artifacts/timeout-* \
               "$dir"/artifacts/oom-*)
  found=()
  for r in "${reproducers[@]}"; do
    [ -e "$r" ] && found+=("$r")
  done
  reported=0
  if grep -qE "$report_pattern" "$dir/log"; then
    reported=1
  fi
  if [ "$status" -eq 0 ] && [ "${#found[@]}" -eq 0 ] && [ "$reported" -eq 0 ]; then
    printf 'fuzz-smoke: %-13s OK      %4d s  %s runs\n' "$name" "$elapsed" "${execs:-?}"
    continue
  fi
  failed+=("$name")
  printf 'fuzz-smoke: %-13s FAILED  %4d s  (exit %d)\n' "$name" "$elapsed" "$status"
  if [ "$reported" -eq 1 ]; then
    { grep -E -A25 "$report_pattern" "$dir/log" || true; } | head -60 >&2
  else
    tail -40 "$dir/log" >&2
  fi
  echo "  log: $dir/log" >&2
  for r in "${found[@]}"; do
    echo "  reproducer: $r" >&2
    echo "  replay:     $exe $r" >&2
  done
done

echo "fuzz-smoke: total $((SECONDS - start)) s"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz-smoke: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz-smoke: all ${#targets[@]} targets ran ${seconds} s each without a finding"
