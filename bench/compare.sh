#!/usr/bin/env bash
# klaude exec vs the OpenAI Codex CLI (`codex exec`, npm @openai/codex) on the same job: one
# prompt answered by the same paced loopback Responses server (bench/exec_stream_bench: 1 MiB
# of text in token-sized deltas over 2 s). Prints wall time, server send time and peak RSS for
# each. Codex runs only when `codex` is on PATH (this script never installs it).
#
# Usage: bench/compare.sh [BUILD_DIR] [RUNS]      (BUILD_DIR: a -DKLAUDE_BUILD_BENCH=ON build
#        with `cmake --build BUILD_DIR --target bench_all` done; default build-bench)
#
# Codex is pointed at the server with a custom model provider in a fresh $CODEX_HOME/config.toml
# (base_url, env_key = OPENAI_API_KEY, wire_api = "responses"), so it needs no ChatGPT login;
# exec_stream_bench fills in the server's URL. Its peak RSS is that of its largest process (the
# npm launcher runs the native binary as a child; ru_maxrss is a maximum, not a sum).
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build-bench}
RUNS=${2:-5}
BIN="$BUILD/bin"
PROMPT="Write a long answer."
WORK=$(mktemp -d /tmp/klaude-compare-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# The paced server and the harness: the same for both commands.
"$BIN/exec_stream_bench" --runs "$RUNS" --label klaude -- \
  "$BIN/klaude" exec -m openai/gpt-5.1 "$PROMPT" | tee "$WORK/klaude.txt"

if command -v codex >/dev/null; then
  cat >"$WORK/codex-config.toml" <<'TOML'
model = "gpt-5.1"
model_provider = "bench"

[model_providers.bench]
name = "klaude bench loopback"
base_url = "{BASE_URL}"
env_key = "OPENAI_API_KEY"
wire_api = "responses"
TOML
  echo "codex: $(codex --version 2>/dev/null || echo 'version unknown')"
  if ! BENCH_CODEX_CONFIG="$WORK/codex-config.toml" "$BIN/exec_stream_bench" --runs "$RUNS" \
      --label codex -- codex exec --skip-git-repo-check --sandbox read-only "$PROMPT" |
      tee "$WORK/codex.txt"; then
    echo "codex: the run failed (see above); only klaude's figures are valid"
  fi
else
  echo "codex: not installed (npm install -g @openai/codex to compare); klaude only"
fi

echo
printf '%-8s %10s %10s %10s %10s %10s\n' command wall_s send_s overhead% rss_mb cpu_s
for f in "$WORK"/klaude.txt "$WORK"/codex.txt; do
  [[ -f "$f" ]] || continue
  grep '^RESULT' "$f" | tr ' ' '\n' | awk -F= '
    $1=="label"{l=$2} $1=="wall_s"{w=$2} $1=="send_s"{s=$2} $1=="overhead_pct"{o=$2}
    $1=="rss_mb"{r=$2} $1=="cpu_s"{c=$2}
    END{ if (l != "") printf "%-8s %10s %10s %10s %10s %10s\n", l, w, s, o, r, c }'
done
