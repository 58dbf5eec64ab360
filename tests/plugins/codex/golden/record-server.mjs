// A recording stand-in for the ChatGPT Codex backend, used to capture what the reference client
// (the Codex CLI) sends. Plain Node 20, no dependencies.
//
//   node record-server.mjs --log FILE [--port N] [--catalog FILE] [--oauth-upstream URL]
//                          [--tls-cert FILE --tls-key FILE]
//
// With --tls-cert/--tls-key it speaks HTTPS (the Codex CLI 0.171.0 insists on an https origin for
// the ChatGPT backend: "workspace backend must use an HTTPS origin without credentials"; give it
// the certificate through SSL_CERT_FILE / CODEX_CA_CERTIFICATE). Listens on 127.0.0.1 only and prints `READY <port>` on stdout once listening. Every request
// (and every WebSocket upgrade attempt) is appended to FILE as one JSON line: seq, time, remote
// port (one TCP connection = one remote port), connection number, HTTP version, method, path,
// query, headers (lower-case, plus rawHeaders in wire order and case), body (text, and parsed
// JSON when it is JSON), and the status it was answered with. A body sent with Content-Encoding
// (the CLI zstd-compresses its /responses bodies) is logged raw as base64 and decoded: gzip,
// deflate and br with node:zlib, zstd with node:zlib where the runtime has it (Node >= 22.15)
// and otherwise with the `zstd` command-line tool.
//
// Answers:
//   GET  .../models        a model catalog {"models":[...]} in the backend's shape: --catalog
//                          FILE verbatim, or a small built-in one (one listed model, one hidden)
//   POST .../responses     a Responses API SSE stream answering "hello"
//   POST .../oauth/token   forwarded to --oauth-upstream (the oidc peer) when given (a refresh);
//                          the upstream's answer is logged too. Without it: 404.
//   WebSocket upgrades     refused with 426 (recorded), so a client that prefers WebSockets
//                          shows its handshake and then falls back to HTTP
//   anything else          404 with a JSON error body (recorded)
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    log: { type: 'string' },
    catalog: { type: 'string' },
    'oauth-upstream': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  },
  strict: true,
});
if (!opt.log) {
  console.error('record-server: --log FILE is required');
  process.exit(2);
}

// The built-in catalog: every field the Codex CLI's own bundled catalog (0.171.0) has for a
// model, with values in the backend's style. prefer_websockets is false here so the HTTP
// `POST /responses` path is what gets exercised (the bundled entries all say true).
const reasoningLevels = [
  { effort: 'low', description: 'Fast responses with lighter reasoning' },
  { effort: 'medium', description: 'Balances speed and reasoning depth for everyday tasks' },
  { effort: 'high', description: 'Greater reasoning depth for complex problems' },
  { effort: 'xhigh', description: 'Extra high reasoning depth for complex problems' },
];
function model(slug, overrides) {
  return {
    slug,
    display_name: slug,
    description: 'Recording-server test model.',
    visibility: 'list',
    priority: 1,
    minimal_client_version: '0.98.0',
    supported_in_api: true,
    context_window: 272000,
    max_context_window: 272000,
    auto_compact_token_limit: null,
    default_reasoning_level: 'medium',
    supported_reasoning_levels: reasoningLevels,
    input_modalities: ['text', 'image'],
    support_verbosity: true,
    default_verbosity: 'low',
    supports_parallel_tool_calls: true,
    supports_reasoning_summaries: true,
    supports_reasoning_summary_parameter: true,
    default_reasoning_summary: 'none',
    upgrade: null,
    available_in_plans: ['plus', 'pro', 'team', 'business', 'enterprise', 'edu'],
    prefer_websockets: false,
    apply_patch_tool_type: 'freeform',
    web_search_tool_type: 'text_and_image',
    supports_image_detail_original: true,
    truncation_policy: { mode: 'tokens', limit: 10000 },
    tool_mode: null,
    multi_agent_version: null,
    multi_agent_reasoning_effort: null,
    use_responses_lite: false,
    supports_reasoning_effort_updates: false,
    include_skills_usage_instructions: true,
    include_apps_usage_instructions: true,
    include_plugin_usage_instructions: true,
    guardian: null,
    node_repl_auto_review_required: false,
    node_repl_disabled: false,
    requires_sandboxed_review: false,
    allow_only_codex_cloud_agent_orchestrator: false,
    allow_only_chatgpt_workspace_executor: false,
    auto_review_model_override: null,
    model_specialty: null,
    comp_hash: '2911',
    shell_type: 'shell_command',
    availability_nux: null,
    // Required: a catalog entry without model_messages (or with null) fails the CLI's decoding
    // of the whole response ("failed to decode models response"). instructions_template is what
    // the CLI sends as `instructions`; the other keys are null in the bundled catalog too.
    model_messages: {
      instructions_template:
        'You are Codex, a coding agent. (Short test instructions served by record-server.mjs; the real catalog carries the full prompt.)',
      persistent_instructions: null,
      tools: null,
      approvals: null,
      collaboration_modes: null,
      auto_review: null,
      multi_agent: null,
      permissions: null,
      token_budget: null,
      guardian_v2: null,
      confirmation_policies: null,
    },
    experimental_supported_tools: [],
    supports_search_tool: true,
    supports_experimental_context: false,
    default_service_tier: null,
    service_tiers: [],
    additional_speed_tiers: [],
    ...overrides,
  };
}
const builtinCatalog = {
  models: [
    model('gpt-5.5', { display_name: 'GPT-5.5', priority: 1 }),
    model('codex-auto-review', { display_name: 'Codex Auto Review', visibility: 'hide', priority: 43 }),
  ],
};
const catalogText = opt.catalog ? readFileSync(opt.catalog, 'utf8') : JSON.stringify(builtinCatalog);

// GET /backend-api/wham/accounts/check: {"accounts":[...],"account_ordering":[ids]}. The entry
// fields are the ones the CLI's AccountEntry deserializer names (read from its binary).
function accountsCheck(id, origin) {
  return {
    accounts: [
      {
        id,
        name: null,
        structure: 'personal',
        plan_type: 'plus',
        is_deactivated: false,
        can_access_with_session: true,
        sso_connection_name: null,
        is_fedramp_compliant_workspace: false,
        workspace_backend_origin: origin,
        // Must be one of NO_CONSTRAINT, us, us_cr, or the CLI refuses to sample.
        account_routing_override: 'NO_CONSTRAINT',
        profile_picture_url: null,
      },
    ],
    account_ordering: [id],
  };
}

let seq = 0;
let connections = 0;
function record(entry) {
  appendFileSync(opt.log, JSON.stringify(entry) + '\n');
}
function decodeBody(raw, encoding) {
  if (!encoding || encoding === 'identity') return { text: raw.toString('utf8') };
  try {
    if (encoding === 'gzip') return { text: zlib.gunzipSync(raw).toString('utf8') };
    if (encoding === 'deflate') return { text: zlib.inflateSync(raw).toString('utf8') };
    if (encoding === 'br') return { text: zlib.brotliDecompressSync(raw).toString('utf8') };
    if (encoding === 'zstd') {
      if (typeof zlib.zstdDecompressSync === 'function') return { text: zlib.zstdDecompressSync(raw).toString('utf8') };
      const r = spawnSync('zstd', ['-d', '-c'], { input: raw, maxBuffer: 64 << 20 });
      if (r.status === 0) return { text: r.stdout.toString('utf8') };
      return { text: '', error: `zstd -d failed: ${r.error ?? r.stderr}` };
    }
  } catch (err) {
    return { text: '', error: String(err) };
  }
  return { text: '', error: `unknown content-encoding ${encoding}` };
}

function describe(req, rawBody) {
  const encoding = req.headers['content-encoding'];
  const { text: body, error: decodeError } = decodeBody(rawBody, encoding);
  const url = new URL(req.url, 'http://127.0.0.1');
  let json;
  try {
    json = body.length ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return {
    seq: ++seq,
    time: new Date().toISOString(),
    remote_port: req.socket.remotePort,
    connection: req.socket.connNumber,
    http_version: req.httpVersion,
    method: req.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    raw_url: req.url,
    headers: req.headers,
    raw_headers: req.rawHeaders,
    body_bytes: rawBody.length,
    body_base64: encoding && rawBody.length ? rawBody.toString('base64') : undefined,
    body_decode_error: decodeError,
    body_text: body.length && json === undefined ? body : undefined,
    body: json,
  };
}

function sse(res, events) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-codex-primary-used-percent': '1.0',
    'x-codex-secondary-used-percent': '2.0',
  });
  let n = 0;
  for (const ev of events) {
    res.write(`event: ${ev.type}\ndata: ${JSON.stringify({ ...ev, sequence_number: n++ })}\n\n`);
  }
  res.end();
}

function responsesStream(model) {
  const id = `resp_${randomUUID().replaceAll('-', '')}`;
  const itemId = `msg_${randomUUID().replaceAll('-', '')}`;
  const created = Math.floor(Date.now() / 1000);
  const text = 'hello';
  const base = { id, object: 'response', created_at: created, model: model ?? 'gpt-5.5' };
  const doneItem = {
    type: 'message',
    id: itemId,
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
  return [
    { type: 'response.created', response: { ...base, status: 'in_progress', output: [] } },
    { type: 'response.in_progress', response: { ...base, status: 'in_progress', output: [] } },
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { type: 'message', id: itemId, status: 'in_progress', role: 'assistant', content: [] },
    },
    {
      type: 'response.content_part.added',
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    },
    { type: 'response.output_text.delta', item_id: itemId, output_index: 0, content_index: 0, delta: 'hel' },
    { type: 'response.output_text.delta', item_id: itemId, output_index: 0, content_index: 0, delta: 'lo' },
    { type: 'response.output_text.done', item_id: itemId, output_index: 0, content_index: 0, text },
    {
      type: 'response.content_part.done',
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text, annotations: [] },
    },
    { type: 'response.output_item.done', output_index: 0, item: doneItem },
    {
      type: 'response.completed',
      response: {
        ...base,
        status: 'completed',
        output: [doneItem],
        usage: {
          input_tokens: 1200,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 5,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: 1205,
        },
      },
    },
  ];
}

// The CLI posts its refresh as JSON; oidc-provider (the peer) takes only form bodies, so a JSON
// body is re-encoded as a form for the upstream. The log keeps what the CLI actually sent.
async function forwardToken(req, res, body, entry) {
  let contentType = req.headers['content-type'] ?? 'application/json';
  if (contentType.startsWith('application/json')) {
    const fields = JSON.parse(body);
    body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
    contentType = 'application/x-www-form-urlencoded';
    entry.forwarded_as = 'application/x-www-form-urlencoded';
  }
  const upstream = await fetch(opt['oauth-upstream'], {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  const text = await upstream.text();
  entry.status = upstream.status;
  entry.upstream_response = text;
  record(entry);
  res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
  res.end(text);
}

const handler = (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const rawBody = Buffer.concat(chunks);
    const entry = describe(req, rawBody);
    const p = entry.path;
    if (req.method === 'GET' && p.endsWith('/models')) {
      entry.status = 200;
      record(entry);
      res.writeHead(200, { 'content-type': 'application/json', etag: '"catalog-1"' });
      res.end(catalogText);
    } else if (req.method === 'GET' && p.endsWith('/wham/accounts/check')) {
      // Workspace routing discovery: the CLI 0.171.0 asks this before every sampling request and
      // will not send /responses without an answer naming the account it is signed in to.
      entry.status = 200;
      record(entry);
      const id = req.headers['chatgpt-account-id'] ?? 'acc-unknown';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(accountsCheck(id, process.env.RECORD_ORIGIN ?? 'NO_CONSTRAINT')));
    } else if (req.method === 'POST' && p.endsWith('/responses')) {
      entry.status = 200;
      record(entry);
      sse(res, responsesStream(entry.body?.model));
    } else if (req.method === 'POST' && p.endsWith('/oauth/token') && opt['oauth-upstream']) {
      forwardToken(req, res, decodeBody(rawBody, req.headers['content-encoding']).text, entry).catch((err) => {
        entry.status = 502;
        entry.error = String(err);
        record(entry);
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(err) } }));
      });
    } else {
      entry.status = 404;
      record(entry);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: `record-server: no route for ${req.method} ${p}` } }));
    }
  });
};
const server = opt['tls-cert']
  ? createHttpsServer({ cert: readFileSync(opt['tls-cert']), key: readFileSync(opt['tls-key']) }, handler)
  : createHttpServer(handler);
// One remote port per TCP connection: the log's remote_port/connection tell keep-alive reuse.
server.on(opt['tls-cert'] ? 'secureConnection' : 'connection', (socket) => {
  socket.connNumber = ++connections;
});
// WebSocket (or any other) upgrade: record the handshake, refuse it.
server.on('upgrade', (req, socket) => {
  const entry = describe(req, Buffer.alloc(0));
  entry.upgrade = true;
  entry.status = 426;
  record(entry);
  const msg = JSON.stringify({ error: { code: 'upgrade_refused', message: 'record-server: no WebSockets' } });
  socket.end(
    `HTTP/1.1 426 Upgrade Required\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(msg)}\r\nconnection: close\r\n\r\n${msg}`,
  );
});
server.listen(Number(opt.port), '127.0.0.1', () => {
  process.stdout.write(`READY ${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
