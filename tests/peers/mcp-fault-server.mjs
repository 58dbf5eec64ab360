#!/usr/bin/env node
// A deliberately small MCP server on stdio (no dependencies) for klaude's fault tests.
//   --mode ok | crash-at-start | garbage-at-start | slow-start | old-version | bad-version
//   --delay-ms N     slow-start: wait this long before answering initialize
//   --log FILE       append every line received (to check initialized / cancelled)
// Tools (tools/list answers in two pages): echo {text} (readOnlyHint), big {bytes}, fail,
// structured, image, hang (never answers), crash (exits mid-call), garbage (writes a non-JSON
// line), grow {break} (adds a tool grownN to the list and sends
// notifications/tools/list_changed; with break: true every later tools/list is an error
// instead), slow {steps, delay_ms} (sends a notifications/progress per step, with total and a
// message, when the call has a _meta.progressToken, plus one for a token that is not the call's,
// then answers with the token it got).
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
  { name: "grow", description: "Adds a tool and says the list changed.",
    inputSchema: { type: "object", properties: { break: { type: "boolean" } } } },
  { name: "slow", description: "Reports progress, then answers.",
    inputSchema: { type: "object",
                   properties: { steps: { type: "integer" }, delay_ms: { type: "integer" } } } },
];
let grown = 0;
let listBroken = false;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function slow(id, a, meta) {
  const steps = a.steps || 3;
  const token = meta ? meta.progressToken : undefined;
  for (let i = 1; i <= steps; i++) {
    await sleep(a.delay_ms || 0);
    if (token === undefined) continue;
    if (i === 1) {
      // Another call's token: the client must not show it for this one.
      send({ method: "notifications/progress",
             params: { progressToken: `not-${token}`, progress: 99, total: 100 } });
    }
    send({ method: "notifications/progress",
           params: { progressToken: token, progress: i, total: steps, message: `step ${i}` } });
  }
  send({ id, result: { content: [{ type: "text",
                                   text: `slow: ${steps} steps, token ${JSON.stringify(token)}` }] } });
}

function call(id, name, a, meta) {
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
    case "grow": {
      grown += 1;
      const tool = `grown${grown}`;
      page2.push({ name: tool, description: `Grown by call ${grown}.`,
                   inputSchema: { type: "object" } });
      if (a.break) listBroken = true;
      send({ method: "notifications/tools/list_changed" });
      return send({ id, result: { content: [{ type: "text", text: `added ${tool}` }] } });
    }
    case "slow":
      slow(id, a, meta);
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
    if (listBroken) {
      return send({ id: msg.id, error: { code: -32603, message: "the tool list is broken" } });
    }
    const second = msg.params && msg.params.cursor === "page2";
    send({ id: msg.id, result: second ? { tools: page2 } : { tools: page1, nextCursor: "page2" } });
  } else if (msg.method === "tools/call") {
    call(msg.id, msg.params.name, msg.params.arguments || {}, msg.params._meta);
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
