#!/usr/bin/env node
// A deliberately small MCP server on stdio (no dependencies) for klaude's fault tests.
//   --mode ok | crash-at-start | garbage-at-start | slow-start | old-version | bad-version
//   --delay-ms N     slow-start: wait this long before answering initialize
//   --log FILE       append every line received (to check initialized / cancelled)
// Tools (tools/list answers in two pages): echo {text} (readOnlyHint), big {bytes}, fail,
// structured, image, hang (never answers), crash (exits mid-call), garbage (writes a non-JSON
// line).
import fs from "node:fs";
import readline from "node:readline";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const mode = opt("mode", "ok");
const delayMs = Number(opt("delay-ms", "0"));
const logFile = opt("log", "");

process.stderr.write(`fault server starting, mode ${mode}\n`);
if (mode === "crash-at-start") {
  process.stderr.write("crashing at start as asked\n");
  process.exit(3);
}
if (mode === "garbage-at-start") {
  process.stdout.write("this is not JSON-RPC\n");
}

const send = (msg) => process.stdout.write(JSON.stringify({ jsonrpc: "2.0", ...msg }) + "\n");
const page1 = [
  { name: "echo", description: "Echoes text back.", annotations: { readOnlyHint: true },
    inputSchema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object",
                   properties: { text: { type: "string" } }, required: ["text"] } },
  { name: "big", description: "Returns that many bytes.",
    inputSchema: { type: "object", properties: { bytes: { type: "integer" } } } },
  { name: "fail", description: "Always fails (isError).", inputSchema: { type: "object" } },
  { name: "structured", description: "Structured content only.", inputSchema: { type: "object" } },
];
const page2 = [
  { name: "image", description: "An image and a resource link.", inputSchema: { type: "object" } },
  { name: "hang", description: "Never answers.", inputSchema: { type: "object" } },
  { name: "crash", description: "Exits mid-call.", inputSchema: { type: "object" } },
  { name: "garbage", description: "Writes a line that is not JSON.", inputSchema: { type: "object" } },
];

function call(id, name, a) {
  switch (name) {
    case "echo":
      return send({ id, result: { content: [{ type: "text", text: `echo: ${a.text}` }] } });
    case "big": {
      const n = a.bytes || 100000;
      let text = "BEGIN";
      while (text.length < n - 3) text += "x";
      return send({ id, result: { content: [{ type: "text", text: text + "END" }] } });
    }
    case "fail":
      return send({ id, result: { isError: true, content: [{ type: "text", text: "it broke" }] } });
    case "structured":
      return send({ id, result: { content: [], structuredContent: { answer: 42 } } });
    case "image":
      return send({ id, result: { content: [
        { type: "image", data: "aGVsbG8=", mimeType: "image/png" },
        { type: "resource_link", uri: "file:///x.txt", name: "x.txt" }] } });
    case "hang":
      return;
    case "crash":
      process.stderr.write("crashing mid-call as asked\n");
      process.exit(7);
    case "garbage":
      process.stdout.write("<html>oops</html>\n");
      return;
    default:
      return send({ id, error: { code: -32602, message: `unknown tool ${name}` } });
  }
}

function handle(msg) {
  if (msg.method === "initialize") {
    const version = mode === "old-version" ? "2025-03-26"
                  : mode === "bad-version" ? "1999-01-01" : msg.params.protocolVersion;
    const answer = () => send({ id: msg.id, result: {
      protocolVersion: version, capabilities: { tools: { listChanged: true } },
      serverInfo: { name: "fault-server", version: "1.0.0" } } });
    if (mode === "slow-start") setTimeout(answer, delayMs); else answer();
  } else if (msg.method === "tools/list") {
    const second = msg.params && msg.params.cursor === "page2";
    send({ id: msg.id, result: second ? { tools: page2 } : { tools: page1, nextCursor: "page2" } });
  } else if (msg.method === "tools/call") {
    call(msg.id, msg.params.name, msg.params.arguments || {});
  } else if (msg.id !== undefined && msg.method) {
    send({ id: msg.id, error: { code: -32601, message: "method not found" } });
  }
}

const rl = readline.createInterface({ input: process.stdin });
rl.on("line", (line) => {
  if (logFile) fs.appendFileSync(logFile, line + "\n");
  let msg;
  try { msg = JSON.parse(line); } catch { return; }
  handle(msg);
});
rl.on("close", () => process.exit(0));
