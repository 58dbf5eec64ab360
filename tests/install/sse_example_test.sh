#!/usr/bin/env bash
# examples/sse-provider, built out of tree against the installed SDK with klaude::sdk_support,
# answers `klaude exec` from a small SSE server (node, on a free loopback port).
source "$(dirname "$0")/common.sh"
fresh_dir "$WORK"
build_against_prefix "$KLAUDE_TEST_SOURCE_DIR/examples/sse-provider" "$WORK/build"
expect_only_entry_exported "$WORK/build/sse_provider.so"

node -e '
const http = require("http");
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const ok = req.method === "POST" && req.url === "/chat" && body.includes("\"model\":\"sse-1\"");
    res.writeHead(ok ? 200 : 400, {"content-type": "text/event-stream"});
    res.end(ok ? "data: Hello\n\ndata:  from SSE\n\n: a comment\n\nevent: done\ndata: {}\n\n" : "");
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
' > "$WORK/port" 2> "$WORK/server.err" < /dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    [[ -s "$WORK/port" ]] && break
    sleep 0.1
done
port=$(cat "$WORK/port")
[[ -n "$port" ]] || fail "the SSE test server did not start"

KLAUDE_SSE_EXAMPLE_URL="http://127.0.0.1:$port/chat" \
    run_klaude --plugin-dir "$WORK/build" exec -m sse/sse-1 "hi"
expect_equals "$RC" 0 "klaude exec exit code (stderr: $ERR)"
expect_equals "$OUT" "Hello from SSE" "klaude exec output"
echo "ok"
