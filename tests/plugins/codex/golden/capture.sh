#!/bin/bash
# One capture run, exactly as used for codex-cli-0.171.0/ (see README.md).
#   capture.sh NAME [EXTRA_TOML]
# Needs, in $SCRATCH (default /tmp/codex-capture): node_modules/.bin/codex (npm install
# @openai/codex@0.171.0), tokens.json (node get-tokens.mjs > tokens.json), ca.crt, tls.crt, tls.key
# (README: "TLS"). Environment knobs: CATALOG=file (serve it instead of the built-in catalog),
# TOKENS=file, LAST_REFRESH=RFC3339, REFRESH_OVERRIDE=1 (CODEX_REFRESH_TOKEN_URL_OVERRIDE to the
# recorder), OAUTH_UPSTREAM=url (recorder forwards /oauth/token there), RUST_LOG, TMO (seconds).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
SCRATCH=${SCRATCH:-/tmp/codex-capture}
NAME=$1; EXTRA=${2:-$HERE/config-extra.toml}
D=$SCRATCH/$NAME
rm -rf "$D"; mkdir -p "$D/home" "$D/cwd"
CODEX=$SCRATCH/node_modules/.bin/codex
node "$HERE/record-server.mjs" --log "$D/requests.jsonl" ${CATALOG:+--catalog $CATALOG} \
  ${OAUTH_UPSTREAM:+--oauth-upstream $OAUTH_UPSTREAM} \
  --tls-cert "$SCRATCH/tls.crt" --tls-key "$SCRATCH/tls.key" > "$D/server.out" 2> "$D/server.err" &
SPID=$!
for _ in $(seq 50); do grep -q READY "$D/server.out" && break; sleep 0.1; done
PORT=$(awk '/READY/{print $2}' "$D/server.out")
echo "server pid $SPID port $PORT"
TOKENS=${TOKENS:-$SCRATCH/tokens.json} python3 - "$D" "${LAST_REFRESH:-}" <<'PY'
import datetime, json, os, sys
d, lr = sys.argv[1], sys.argv[2]
t = json.load(open(os.environ['TOKENS']))
now = lr or datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')
auth = {"OPENAI_API_KEY": None,
        "tokens": {"id_token": t['id_token'], "access_token": t['access_token'],
                   "refresh_token": t['refresh_token'], "account_id": t['account_id']},
        "last_refresh": now}
open(d + '/home/auth.json', 'w').write(json.dumps(auth, indent=2))
PY
chmod 600 "$D/home/auth.json"
{ echo "chatgpt_base_url = \"https://127.0.0.1:$PORT/backend-api/\""; sed "s/PORT/$PORT/g" "$EXTRA"; } > "$D/home/config.toml"
cat "$D/home/config.toml"
cd "$D/cwd" && env -u OPENAI_API_KEY CODEX_HOME="$D/home" \
  SSL_CERT_FILE="$SCRATCH/ca.crt" CODEX_CA_CERTIFICATE="$SCRATCH/ca.crt" \
  ${REFRESH_OVERRIDE:+CODEX_REFRESH_TOKEN_URL_OVERRIDE=https://127.0.0.1:$PORT/oauth/token} \
  RUST_LOG=${RUST_LOG:-warn,reqwest=debug} timeout "${TMO:-120}" \
  "$CODEX" exec --skip-git-repo-check "hello" > "$D/stdout" 2> "$D/stderr" < /dev/null
echo "codex rc=$?"
kill "$SPID"
echo "--- stdout"; cat "$D/stdout"
echo "--- outbound connections (reqwest debug log)"; grep -o 'starting new connection: .*' "$D/stderr" | sort | uniq -c
