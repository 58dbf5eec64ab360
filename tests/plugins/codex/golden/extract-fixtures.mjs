// Turns a record-server.mjs log into the committed, masked fixtures. Plain Node 20, no deps.
//
//   node extract-fixtures.mjs --log requests.jsonl --out DIR [--scratch /tmp/codex-capture/RUN]
//                             [--only refresh]
//
// Writes to DIR: models_request.json, responses_request.json, websocket_request.json (the refused
// WebSocket handshake on .../responses), accounts_check_request.json, refresh_request.json (when
// the log has a POST .../oauth/token), all_requests.txt (METHOD path?query, in order) and
// connections.tsv (seq, connection number, remote port, status: one remote port = one TCP
// connection). With --only refresh, only refresh_request.json.
//
// Masking: Authorization -> "Bearer <access_token>", chatgpt-account-id and the account id
// anywhere -> "<account_id>", any JWT -> "<jwt>", refresh_token values -> "<refresh_token>", any
// UUID -> "<uuid>", Sec-WebSocket-Key -> "<random>", the server's port -> "<port>", the scratch
// directory -> "<scratch>". In bodies, strings longer than 160 characters (instructions, tool
// descriptions, context messages) become "<N chars>" unless they are JSON text (kept, masked);
// `tools` is reduced to names. Everything else is verbatim.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    log: { type: 'string' },
    out: { type: 'string' },
    scratch: { type: 'string' },
    only: { type: 'string' },
  },
  strict: true,
});
const entries = readFileSync(opt.log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
mkdirSync(opt.out, { recursive: true });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const accountIds = new Set(
  entries.map((e) => e.headers['chatgpt-account-id']).filter((v) => typeof v === 'string'),
);

function maskString(s) {
  let out = s.replace(JWT, '<jwt>').replace(UUID, '<uuid>');
  for (const id of accountIds) out = out.split(id).join('<account_id>');
  if (opt.scratch) out = out.split(opt.scratch).join('<scratch>');
  out = out.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');
  return out;
}

function maskHeader(name, value) {
  if (name === 'authorization') return value.replace(/^Bearer .*/, 'Bearer <access_token>');
  if (name === 'chatgpt-account-id') return '<account_id>';
  if (name === 'sec-websocket-key') return '<random>';
  return maskString(value);
}

function isJsonText(s) {
  if (!/^[[{]/.test(s)) return false;
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function maskBody(v, key) {
  if (typeof v === 'string') {
    if (key === 'refresh_token') return '<refresh_token>';
    if (v.length > 160 && !isJsonText(v)) return `<${v.length} chars>`;
    return maskString(v);
  }
  if (Array.isArray(v)) return v.map((x) => maskBody(x, key));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskBody(x, k)]));
  }
  return v;
}

function toolNames(tools) {
  return tools.map((t) => {
    const o = { type: t.type };
    if (t.name !== undefined) o.name = t.name;
    if (Array.isArray(t.tools)) o.tools = toolNames(t.tools);
    return o;
  });
}

function fixture(e) {
  const headers = {};
  for (const [k, v] of Object.entries(e.headers)) headers[k] = maskHeader(k, v);
  const headerOrder = [];
  for (let i = 0; i < e.raw_headers.length; i += 2) headerOrder.push(e.raw_headers[i]);
  let body = e.body ?? (e.body_text !== undefined ? maskString(e.body_text) : null);
  if (body && typeof body === 'object') {
    const tools = Array.isArray(body.tools) ? toolNames(body.tools) : undefined;
    body = maskBody(body);
    if (tools) body.tools = tools;
  }
  const out = {
    method: e.method,
    path: e.path,
    query: e.query,
    http_version: e.http_version,
    headers,
    header_order: headerOrder,
    body_keys: body && typeof body === 'object' ? Object.keys(body).sort() : [],
    body,
  };
  if (e.headers['content-encoding']) {
    out.body_encoding = e.headers['content-encoding'];
    out.body_bytes_on_wire = e.body_bytes;
  }
  if (e.upgrade) out.note = 'WebSocket upgrade attempt; record-server refused it with 426 and the CLI fell back to HTTP POST';
  if (e.forwarded_as) out.note = `sent by the CLI as shown; record-server re-encoded it as ${e.forwarded_as} for the oidc peer`;
  return out;
}

function write(name, e) {
  if (!e) return;
  writeFileSync(join(opt.out, name), JSON.stringify(fixture(e), null, 2) + '\n');
}

const first = (pred) => entries.find(pred);
write('refresh_request.json', first((e) => e.method === 'POST' && e.path.endsWith('/oauth/token')));
if (opt.only !== 'refresh') {
  write('models_request.json', first((e) => e.method === 'GET' && e.path.endsWith('/codex/models')));
  write('responses_request.json', first((e) => e.method === 'POST' && e.path.endsWith('/codex/responses')));
  write('websocket_request.json', first((e) => e.upgrade && e.path.endsWith('/codex/responses')));
  write('accounts_check_request.json', first((e) => e.path.endsWith('/wham/accounts/check')));
  writeFileSync(
    join(opt.out, 'all_requests.txt'),
    entries.map((e) => `${e.method} ${maskString(e.raw_url)}`).join('\n') + '\n',
  );
  writeFileSync(
    join(opt.out, 'connections.tsv'),
    'seq\tconnection\tremote_port\tstatus\trequest\n' +
      entries
        .map((e) => `${e.seq}\t${e.connection}\t${e.remote_port}\t${e.status}${e.upgrade ? ' (ws upgrade)' : ''}\t${e.method} ${maskString(e.raw_url)}`)
        .join('\n') +
      '\n',
  );
}
