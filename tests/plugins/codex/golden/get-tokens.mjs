// Obtains a real token set (id_token, access_token, refresh_token) from the repository's
// oidc-provider peer (tests/peers/oidc-server.mjs) the way the Codex CLI's browser login does:
// authorization code + PKCE S256, redirect_uri http://localhost:1455/auth/callback, then the
// code at /oauth/token. Plain Node 20, no dependencies (the peer needs `npm ci` in tests/peers).
//
//   node get-tokens.mjs [--issuer http://localhost:PORT] > tokens.json
//
// Prints {"issuer", "token_endpoint", "id_token", "access_token", "refresh_token", "account_id",
// "claims": {...}} on stdout. Without --issuer it starts its own peer and stops it afterwards
// (the refresh token then dies with it); with --issuer it logs in at a peer that is already
// running (started with --callback-port 1455), so that peer can later answer a refresh.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const peerScript = join(here, '..', '..', '..', 'peers', 'oidc-server.mjs');
const issuerArg = process.argv.indexOf('--issuer');
const givenIssuer = issuerArg > 0 ? process.argv[issuerArg + 1] : null;
const CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann'; // the Codex CLI's client id
const CALLBACK_PORT = 1455;
const REDIRECT_URI = `http://localhost:${CALLBACK_PORT}/auth/callback`;

let peer = null;
let issuer = givenIssuer;
if (!issuer) {
  peer = spawn(process.execPath, [peerScript, '--callback-port', String(CALLBACK_PORT)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    peer.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/READY (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    peer.on('exit', (code) => reject(new Error(`oidc-server exited with ${code}`)));
  });
  issuer = `http://localhost:${port}`;
}

const b64url = (buf) => buf.toString('base64url');
const verifier = b64url(randomBytes(64));
const challenge = b64url(createHash('sha256').update(verifier).digest());
const state = b64url(randomBytes(32));

// The authorize URL the Codex CLI builds (codex-rs/login/src/server.rs).
const authorize = new URL(`${issuer}/oauth/authorize`);
for (const [k, v] of Object.entries({
  response_type: 'code',
  client_id: CLIENT_ID,
  redirect_uri: REDIRECT_URI,
  scope: 'openid profile email offline_access',
  code_challenge: challenge,
  code_challenge_method: 'S256',
  id_token_add_organizations: 'true',
  codex_cli_simplified_flow: 'true',
  state,
  originator: 'codex_cli_rs',
})) authorize.searchParams.set(k, v);

// A tiny browser: keeps cookies, follows redirects until the callback URL.
const jar = new Map();
let url = authorize.toString();
let code;
for (let hop = 0; hop < 20; hop += 1) {
  if (url.startsWith(REDIRECT_URI)) {
    const u = new URL(url);
    if (u.searchParams.get('state') !== state) throw new Error('state mismatch');
    code = u.searchParams.get('code');
    break;
  }
  const res = await fetch(url, {
    redirect: 'manual',
    headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  const loc = res.headers.get('location');
  if (!loc) throw new Error(`no redirect from ${url}: ${res.status} ${await res.text()}`);
  url = new URL(loc, url).toString();
}
if (!code) throw new Error('never reached the callback');

const tokenRes = await fetch(`${issuer}/oauth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  }),
});
const tokens = await tokenRes.json();
if (!tokenRes.ok) throw new Error(`token endpoint: ${tokenRes.status} ${JSON.stringify(tokens)}`);

const claims = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
const idClaims = claims(tokens.id_token);
const out = {
  issuer,
  token_endpoint: `${issuer}/oauth/token`,
  id_token: tokens.id_token,
  access_token: tokens.access_token,
  refresh_token: tokens.refresh_token,
  account_id: idClaims['https://api.openai.com/auth']?.chatgpt_account_id,
  claims: { id_token: idClaims, access_token: claims(tokens.access_token) },
};
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
peer?.kill('SIGTERM');
