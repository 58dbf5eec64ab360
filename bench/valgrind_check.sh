#!/usr/bin/env bash
# Leak checks under valgrind (memcheck, --leak-check=full --error-exitcode=1):
#   1. klaude plugins
#   2. klaude exec against the paced loopback Responses server (64 KiB answer)
#   3. a full ChatGPT login (codex plugin) against the oidc-provider peer, then klaude exec
#      through the codex provider against the loopback server, same KLAUDE_HOME
#      (skipped when node or tests/peers/node_modules is missing: run 'make peers')
# Usage: bench/valgrind_check.sh BUILD_DIR      Exit status: non-zero when any check fails.
set -uo pipefail
BUILD=${1:?usage: valgrind_check.sh BUILD_DIR}
SRC=$(cd "$(dirname "$0")/.." && pwd)
BIN="$BUILD/bin"
VG=(valgrind --leak-check=full --error-exitcode=1 --suppressions="$SRC/bench/valgrind.supp")
WORK=$(mktemp -d /tmp/klaude-valgrind-XXXXXX)
PEER_PID=
cleanup() {
  [[ -n "$PEER_PID" ]] && kill "$PEER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
failed=0

summary() {  # LOG: the leak and error summary lines of a valgrind log
  grep -hE "definitely lost|indirectly lost|possibly lost|ERROR SUMMARY" "$1" | sed 's/^==[0-9]*== */    /'
}

check() {  # NAME LOG COMMAND...: runs COMMAND, reports
  local name=$1 log=$2
  shift 2
  if "$@" >"$WORK/out.txt" 2>"$WORK/err.txt"; then
    echo "valgrind: $name: clean"
  else
    echo "valgrind: $name: FAILED (exit $?)"; tail -3 "$WORK/err.txt"; failed=1
  fi
  summary "$log"
}

mkdir -m 700 "$WORK/home"
check "klaude plugins" "$WORK/plugins.log" \
  env KLAUDE_HOME="$WORK/home" KLAUDE_PLUGIN_PATH= \
  "${VG[@]}" --log-file="$WORK/plugins.log" "$BIN/klaude" plugins

check "klaude exec (openai, loopback)" "$WORK/exec.log" \
  "$BIN/exec_stream_bench" --runs 1 --bytes 65536 --seconds 0.5 --label valgrind-exec -- \
  "${VG[@]}" --log-file="$WORK/exec.log" "$BIN/klaude" exec -m openai/gpt-5.1 "Write a long answer."

if ! command -v node >/dev/null || [[ ! -d "$SRC/tests/peers/node_modules" ]]; then
  echo "valgrind: login + exec (codex): skipped (needs node and 'make peers')"
  exit $failed
fi
CALLBACK=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
coproc PEER { exec node "$SRC/tests/peers/oidc-server.mjs" --callback-port "$CALLBACK" 2>"$WORK/peer.log"; }
PEER_PID=$PEER_PID
read -r -t 30 ready port <&"${PEER[0]}"
if [[ "$ready" != READY ]]; then
  echo "valgrind: login + exec (codex): FAILED: the oidc peer did not start"; cat "$WORK/peer.log"; exit 1
fi
mkdir -m 700 "$WORK/codex-home"
export KLAUDE_CODEX_ISSUER="http://localhost:$port"
check "klaude auth login codex (oidc-provider peer)" "$WORK/login.log" \
  env KLAUDE_HOME="$WORK/codex-home" KLAUDE_BROWSER="$BIN/login_browser" \
  "${VG[@]}" --log-file="$WORK/login.log" "$BIN/klaude" auth login codex --port "$CALLBACK"
check "klaude exec (codex, after the login)" "$WORK/codex-exec.log" \
  "$BIN/exec_stream_bench" --runs 1 --bytes 65536 --seconds 0.5 --label valgrind-codex \
  --env KLAUDE_HOME="$WORK/codex-home" --env KLAUDE_CODEX_BASE_URL="{BASE_URL}" -- \
  "${VG[@]}" --log-file="$WORK/codex-exec.log" "$BIN/klaude" exec -m codex/gpt-5.1 "Write a long answer."
exit $failed
