// An MCP server over Streamable HTTP built on the pinned @modelcontextprotocol/sdk
// (StreamableHTTPServerTransport, one session per initialize), for klaude's HTTP transport
// tests, or the reference "everything" server over Streamable HTTP as its own CLI runs it.
//
//   node mcp-http-server.mjs [--json] [--log FILE] [--bearer TOKEN]
//   node mcp-http-server.mjs --everything
//
// Own server (POST/GET/DELETE /mcp):
//   --json          answer requests with one JSON body instead of an event stream
//   --log FILE      append every JSON-RPC message received (one line each) and "DELETE <session>"
//   --bearer TOKEN  refuse (401) requests without `Authorization: Bearer TOKEN`
// Tools (tools/list answers in pages of two): echo {text} (readOnlyHint), add {a, b},
// slow {ms} (a log notification first, then waits; logs "aborted slow" when cancelled), fail.
//
// --everything runs @modelcontextprotocol/server-everything's own `streamableHttp` launcher
// (express, endpoint /mcp) on a free port (it takes its port from PORT only).
//
// Prints exactly one line `READY <port>` on stdout once listening; exits when stdin closes or on
// SIGTERM/SIGINT (see peer-lifecycle.mjs).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { parseArgs } from 'node:util';

import {
  exitOnStdinCloseOrSignal, importDependency, listenOnLoopback, startup,
} from './peer-lifecycle.mjs';

startup();
const { values: opt } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    log: { type: 'string', default: '' },
    bearer: { type: 'string', default: '' },
    everything: { type: 'boolean', default: false },
  },
  strict: true,
});

if (opt.everything) {
  await runEverything();
} else {
  await runOwn();
}

async function runEverything() {
  // The launcher listens on process.env.PORT and prints no port: take a free one and wait for it.
  const port = await new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const chosen = probe.address().port;
      probe.close(() => resolve(chosen));
    });
  });
  process.env.PORT = String(port);
  const launcher = new URL(
    './node_modules/@modelcontextprotocol/server-everything/dist/index.js', import.meta.url);
  process.argv = [process.argv[0], launcher.pathname, 'streamableHttp'];
  await import(launcher.href);
  for (let i = 0; i < 200; i += 1) {
    if (await accepts(port)) {
      exitOnStdinCloseOrSignal();
      process.stdout.write(`READY ${port}\n`);
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  console.error(`the everything server did not listen on ${port}`);
  process.exit(4);
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function runOwn() {
  const { Server } = await importDependency('@modelcontextprotocol/sdk/server/index.js');
  const { StreamableHTTPServerTransport } =
    await importDependency('@modelcontextprotocol/sdk/server/streamableHttp.js');
  const { CallToolRequestSchema, ListToolsRequestSchema, isInitializeRequest } =
    await importDependency('@modelcontextprotocol/sdk/types.js');

  const log = (line) => { if (opt.log) fs.appendFileSync(opt.log, line + '\n'); };
  const tools = [
    { name: 'echo', description: 'Echoes text back.', annotations: { readOnlyHint: true },
      inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } },
    { name: 'add', description: 'Adds two numbers.',
      inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } } },
    { name: 'slow', description: 'Answers after ms milliseconds.',
      inputSchema: { type: 'object', properties: { ms: { type: 'number' } } } },
    { name: 'fail', description: 'Always fails (isError).', inputSchema: { type: 'object' } },
  ];
  const pageSize = 2;

  function newServer() {
    const server = new Server({ name: 'klaude-http-peer', version: '1.0.0' },
                              { capabilities: { tools: {}, logging: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async (request) => {
      const start = Number(request.params?.cursor ?? 0);
      const next = start + pageSize;
      return { tools: tools.slice(start, next),
               ...(next < tools.length ? { nextCursor: String(next) } : {}) };
    });
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const a = request.params.arguments ?? {};
      const text = (t) => ({ content: [{ type: 'text', text: t }] });
      switch (request.params.name) {
        case 'echo': return text(`echo: ${a.text}`);
        case 'add': return text(String(Number(a.a) + Number(a.b)));
        case 'fail': return { isError: true, ...text('it broke') };
        case 'slow': {
          await extra.sendNotification({ method: 'notifications/message',
                                         params: { level: 'info', data: 'slow started' } });
          await new Promise((resolve) => {
            const timer = setTimeout(resolve, Number(a.ms ?? 1000));
            extra.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              log('aborted slow');
              resolve();
            });
          });
          return text('slow done');
        }
        default: throw new Error(`unknown tool ${request.params.name}`);
      }
    });
    return server;
  }

  const sessions = new Map();
  async function handler(req, res) {
    if (opt.bearer && req.headers.authorization !== `Bearer ${opt.bearer}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'invalid token' } }));
      return;
    }
    let body;
    if (req.method === 'POST') {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const raw = Buffer.concat(chunks).toString('utf8');
      log(raw.trim());
      body = JSON.parse(raw);
    } else if (req.method === 'DELETE') {
      log(`DELETE ${req.headers['mcp-session-id'] ?? ''}`);
    }
    const id = req.headers['mcp-session-id'];
    let transport = id ? sessions.get(id) : undefined;
    if (!transport && !id && req.method === 'POST' && isInitializeRequest(body)) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: opt.json,
        onsessioninitialized: (sid) => sessions.set(sid, transport),
      });
      transport.onclose = () => { if (transport.sessionId) sessions.delete(transport.sessionId); };
      await newServer().connect(transport);
    }
    if (!transport) {
      res.writeHead(id ? 404 : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null,
                               error: { code: -32000, message: id ? 'Session not found'
                                                                  : 'No valid session ID' } }));
      return;
    }
    await transport.handleRequest(req, res, body);
  }

  const { port } = await listenOnLoopback((req, res) => {
    handler(req, res).catch((err) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  }, 0);
  exitOnStdinCloseOrSignal();
  process.stdout.write(`READY ${port}\n`);
}
