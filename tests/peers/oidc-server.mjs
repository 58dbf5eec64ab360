// A real OpenID Connect provider (panva's certified `oidc-provider`, pinned in package.json),
// configured to look like auth.openai.com does to the Codex CLI, so the codex plugin's login and
// refresh are tested against a standards-certified server instead of a fake of our own.
//
//   node oidc-server.mjs [--port N] [--callback-port N]... [--access-ttl S] ...
//
// Prints exactly one line `READY <port>` on stdout once listening (everything else goes to
// stderr), and exits when stdin closes (the test process died) or on SIGTERM/SIGINT.
//
// Login and consent complete automatically for one fixed test user: any HTTP client that keeps
// cookies and follows redirects goes from the authorize URL to `redirect_uri?code=&state=&iss=`.
//
// Good to know: the issuer (and `iss`) is always http://localhost:<port>, but the endpoint URLs in
// the discovery document follow the request's Host header. All state (codes, grants, tokens)
// lives in the provider's in-memory adapter and dies with the process, which is what tests want
// (it warns about that on stderr, as it does about Node 20; both are harmless).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

import {
  exitOnStdinCloseOrSignal,
  importDependency,
  listenOnLoopback,
  startup,
} from './peer-lifecycle.mjs';

startup();
const { default: Provider, errors } = await importDependency('oidc-provider');

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    // Host name in the issuer URL (and so in `iss`). The Codex CLI uses `localhost` everywhere.
    'issuer-host': { type: 'string', default: 'localhost' },
    'client-id': { type: 'string', default: 'app_EMoamEEZ73f0CkXaXp7hrann' },
    // Each adds http://localhost:N/auth/callback to the client's registered redirect URIs.
    'callback-port': { type: 'string', multiple: true, default: [] },
    // Extra redirect URIs registered verbatim (e.g. a device-flow callback).
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    'access-ttl': { type: 'string', default: '3600' },
    'refresh-ttl': { type: 'string', default: String(14 * 24 * 3600) },
    sub: { type: 'string', default: 'user-klaude-test' },
    email: { type: 'string', default: 'tester@example.com' },
    'account-id': { type: 'string', default: 'acc-0123456789abcdef' },
    'plan-type': { type: 'string', default: 'plus' },
  },
  strict: true,
});

function positiveInt(name) {
  const n = Number(opt[name]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`oidc-server: --${name} must be a whole number of seconds >= 1, got '${opt[name]}'`);
    process.exit(2);
  }
  return n;
}

const accessTtl = positiveInt('access-ttl');
const refreshTtl = positiveInt('refresh-ttl');
const redirectUris = [
  ...opt['callback-port'].map((p) => `http://localhost:${p}/auth/callback`),
  ...opt['redirect-uri'],
];
if (redirectUris.length === 0) {
  console.error('oidc-server: give at least one --callback-port N or --redirect-uri URI');
  process.exit(2);
}

// The resource server the access token is for. A JWT access token needs an audience, and
// oidc-provider only issues JWT access tokens for a resource server (RFC 8707 resource
// indicators); tokens without one are opaque and only usable at its userinfo endpoint. Real
// ChatGPT access tokens carry this audience.
const RESOURCE = 'https://api.openai.com/v1';
const SCOPE = 'openid profile email offline_access';

// The claims ChatGPT's tokens carry and the codex plugin reads (account id, plan, email).
const AUTH_CLAIM = 'https://api.openai.com/auth';
const PROFILE_CLAIM = 'https://api.openai.com/profile';
const userClaims = {
  email: opt.email,
  email_verified: true,
  [AUTH_CLAIM]: {
    chatgpt_account_id: opt['account-id'],
    chatgpt_plan_type: opt['plan-type'],
    chatgpt_user_id: opt.sub,
  },
  [PROFILE_CLAIM]: { email: opt.email, email_verified: true },
};

// Fresh signing key per run: nothing to keep secret in the repository, and it silences the
// provider's "development-only signing keys" warning.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

// Loopback only (127.0.0.1 and ::1): tests must never expose a login server to the network.
let app; // the provider's request handler, known once the provider exists
const notYet = (_req, res) => {
  res.statusCode = 503;
  res.end('starting');
};
const { port } = await listenOnLoopback((req, res) => (app ?? notYet)(req, res), Number(opt.port));
// The issuer must be known when the provider is built, so build it after binding: that is how
// port 0 (any free port) works.
const issuer = `http://${opt['issuer-host']}:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: opt['client-id'],
      // A public client, like the Codex CLI: no secret, so PKCE is its only proof.
      token_endpoint_auth_method: 'none',
      // 'web' compares redirect URIs exactly (a 'native' client would accept any loopback
      // port, hiding a wrong-port bug in the plugin).
      application_type: 'web',
      redirect_uris: redirectUris,
      response_types: ['code'],
      // refresh_token must be allowed, or the provider silently drops `offline_access`.
      grant_types: ['authorization_code', 'refresh_token'],
      scope: SCOPE,
    },
  ],
  // The paths auth.openai.com uses; the plugin builds {issuer}/oauth/authorize and /oauth/token.
  routes: { authorization: '/oauth/authorize', token: '/oauth/token' },
  scopes: SCOPE.split(' '),
  claims: {
    openid: ['sub', AUTH_CLAIM],
    email: ['email', 'email_verified'],
    profile: [PROFILE_CLAIM],
  },
  // Put the scope's claims (email, the auth claim) into the ID token itself, as OpenAI does;
  // the conforming default would only put them on the userinfo endpoint.
  conformIdTokenClaims: false,
  findAccount: async (_ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, ...userClaims }),
  }),
  // PKCE on every authorization request (only S256 exists in v9: `plain` was removed).
  pkce: { required: () => true },
  // A refresh token comes with a code whose granted scope holds offline_access (library default,
  // written out because the login tests depend on it). See the /oauth/authorize middleware below
  // for how offline_access survives without prompt=consent.
  issueRefreshToken: async (_ctx, client, code) =>
    client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
  // Always rotate (the default also stops rotating after a year of total lifetime). A rotated
  // refresh token is marked consumed; presenting it again destroys it and revokes the whole
  // grant (every token of this login), answering invalid_grant "refresh token already used".
  rotateRefreshToken: true,
  features: {
    // No built-in login/consent forms: the interaction route below completes them.
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      // Requests carry no `resource` parameter (neither does the Codex CLI), so bind every
      // authorization to RESOURCE...
      defaultResource: async (_ctx, _client, oneOf) => oneOf ?? RESOURCE,
      // ...and use it at the token endpoint too: otherwise, with `openid` in scope, the
      // provider would mint an opaque userinfo-only token instead of the JWT.
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, indicator) => {
        if (indicator !== RESOURCE) throw new errors.InvalidTarget();
        return {
          scope: SCOPE,
          audience: RESOURCE,
          accessTokenTTL: accessTtl,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  // Added to every JWT access token: what the plugin reads the account id and plan from.
  extraTokenClaims: async () => ({ ...userClaims }),
  jwks: { keys: [signingJwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  ttl: {
    AccessToken: accessTtl,
    IdToken: accessTtl,
    RefreshToken: refreshTtl,
    Grant: refreshTtl,
    Session: refreshTtl,
    Interaction: 600, // a login left half-way expires after 10 minutes
  },
});

// auth.openai.com grants offline_access (a refresh token) to the Codex CLI, which sends no
// `prompt` parameter. oidc-provider follows OpenID Connect Core 11 to the letter and silently
// drops offline_access unless prompt contains `consent`. Add prompt=consent to such requests so
// this server behaves like OpenAI's; consent is automatic here anyway. (GET only: that is how
// the authorize URL reaches a browser.)
provider.use(async (ctx, next) => {
  if (ctx.method === 'GET' && ctx.path === '/oauth/authorize') {
    const { scope, prompt } = ctx.query;
    if (prompt === undefined && typeof scope === 'string' && scope.split(' ').includes('offline_access')) {
      ctx.query = { ...ctx.query, prompt: 'consent' };
    }
  }
  return next();
});

// Interactions (the provider redirects here for login, then again for consent). Complete each
// for the fixed user and send the browser back to the authorization endpoint with a 303.
provider.use(async (ctx, next) => {
  if (!ctx.path.startsWith('/interaction/')) return next();
  const { prompt, params, session, grantId } = await provider.interactionDetails(ctx.req, ctx.res);
  let result;
  if (prompt.name === 'login') {
    result = { login: { accountId: opt.sub } };
  } else if (prompt.name === 'consent') {
    const grant = grantId
      ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = prompt.details;
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    result = { consent: { grantId: await grant.save() } };
  } else {
    throw new Error(`oidc-server: unexpected prompt '${prompt.name}'`);
  }
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: true,
  });
  ctx.status = 303;
  ctx.redirect(returnTo);
});

app = provider.callback();
exitOnStdinCloseOrSignal();
process.stdout.write(`READY ${port}\n`);
